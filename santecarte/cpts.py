"""A territory's card (a CPTS, or any list of communes): population, APL 2023 by DREES rules,
share of the population under 2.5, against its department, its region and France."""
from __future__ import annotations


import pandas as pd
import plotly.graph_objects as go

from santecarte import db
from santecarte.charts import readable, wrapped_label
from santecarte.indicators import SOUS_DENSE, SOUS_DENSE_FR


def perimeter_card(con, codes: list[str], name: str = "Territoire") -> tuple[pd.DataFrame, dict]:
    """(comparison table, facts): one row each for the perimeter (named `name`: the CPTS, the
    file…), its main department, its region and France — APL moyenne (weighted by standardised
    population) and the share of the population in communes under 2.5 (total population, DREES
    rule)."""
    own = db.query(con, "perimeter_summary", codes=codes, seuil=SOUS_DENSE).iloc[0]
    where = db.query(con, "perimeter_place", codes=codes).iloc[0]
    rows = [(name, own["apl_moyen"], own["part_sous_seuil"])]
    for label, level, code in ((f"Département {where['departement_nom']}", "departement", where["departement_code"]),
                               (f"Région {where['region_nom']}", "region", where["region_code"]),
                               ("France", "france", "")):
        s = db.query(con, "territory_summary", level=level, code=code, year=2023, seuil=SOUS_DENSE,
                     indicateur="apl").iloc[0]
        share = s["population_sous_seuil"] / s["population"] if s["population"] else None
        rows.append((label, s["apl_moyen"], share))
    table = pd.DataFrame(rows, columns=["territoire", "apl_moyen", "part_sous_seuil"])
    table[["apl_moyen", "part_sous_seuil"]] = table[["apl_moyen", "part_sous_seuil"]].astype(float)
    facts = {"n_communes": int(own["n_communes"]), "population": own["population"]}
    return table, facts


APL_LABEL = "APL moyenne 2023"
SHARE_LABEL = f"Part de la population sous {SOUS_DENSE_FR} (%)"
THRESHOLD_LABEL = f"Seuil de {SOUS_DENSE_FR} (APL)"
BAR_HALF = 0.4
"""Half the width of a bar group on the category axis (plotly's default bargap 0.2): the APL
bar fills [i - 0.4, i], the share bar [i, i + 0.4]."""


def comparison_chart(table: pd.DataFrame) -> go.Figure:
    """Two bar groups: mean APL 2023 (left axis), and the share of the population under 2.5 in %
    (right axis). The 2.5 threshold is drawn over the APL bars only, never across the % bars,
    and named in the legend; ticks are round, numbers and hovers in French. The axes have no
    title (the legend names both, the % axis its unit): four territories fit side by side at 390 px."""
    x = [wrapped_label(str(t)) for t in table["territoire"]]
    apl, share = table["apl_moyen"].astype(float), 100 * table["part_sous_seuil"].astype(float)
    fig = go.Figure()
    fig.add_bar(name=APL_LABEL, x=x, y=apl, yaxis="y", offsetgroup=0, marker_color="#3182bd",
                texttemplate="%{y:.2f}", textposition="outside",
                hovertemplate="%{x}<br>" + APL_LABEL + " : %{y:.2f}<extra></extra>")
    fig.add_bar(name=SHARE_LABEL, x=x, y=share, yaxis="y2", offsetgroup=1, marker_color="#d7301f",
                texttemplate="%{y:.0f} %", textposition="outside",
                hovertemplate="%{x}<br>Part de la population sous " + SOUS_DENSE_FR + " : %{y:.1f} %<extra></extra>")
    for i in range(len(x)):  # over each APL bar only: read against the APL axis
        fig.add_shape(type="line", xref="x", yref="y", x0=i - BAR_HALF, x1=i, y0=SOUS_DENSE, y1=SOUS_DENSE,
                      line=dict(color="#222222", width=2, dash="dot"))
    fig.add_scatter(name=THRESHOLD_LABEL, x=[None], y=[None], mode="lines", hoverinfo="skip",
                    line=dict(color="#222222", width=2, dash="dot"))  # the legend's entry for the line
    top_apl = max(float(apl.max()) if apl.notna().any() else 0.0, SOUS_DENSE) * 1.2
    top_share = max(float(share.max()) if share.notna().any() else 0.0, 10.0) * 1.2
    fig.update_layout(barmode="group", height=380, margin=dict(t=30, b=10, l=10, r=10), separators=", ",
                      yaxis=dict(range=[0, top_apl], dtick=1 if top_apl <= 8 else 2,
                                 tickformat=".0f"),
                      yaxis2=dict(overlaying="y", side="right",
                                  range=[0, top_share], tickformat=".0f", ticksuffix=" %", showgrid=False,
                                  dtick=10 if top_share <= 60 else 20),
                      hoverlabel=dict(namelength=-1))
    return readable(fig)
