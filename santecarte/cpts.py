"""A territory's card (a CPTS, or any list of communes): population, APL 2023 by DREES rules,
share of the population under 2.5, against its department, its region and France."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from santecarte import db
from santecarte.indicators import SOUS_DENSE


def perimeter_card(con, codes: list[str]) -> tuple[pd.DataFrame, dict]:
    """(comparison table, facts): one row each for the perimeter, its main department, its
    region and France — APL moyenne (weighted by standardised population) and the share of the
    population in communes under 2.5 (total population, DREES rule)."""
    own = db.query(con, "perimeter_summary", codes=codes, seuil=SOUS_DENSE).iloc[0]
    where = db.query(con, "perimeter_place", codes=codes).iloc[0]
    rows = [("Territoire", own["apl_moyen"], own["part_sous_seuil"])]
    for label, level, code in ((f"Département {where['departement_nom']}", "departement", where["departement_code"]),
                               (f"Région {where['region_nom']}", "region", where["region_code"]),
                               ("France", "france", "")):
        s = db.query(con, "territory_summary", level=level, code=code, year=2023, seuil=SOUS_DENSE,
                     indicateur="apl").iloc[0]
        share = s["population_sous_seuil"] / s["population"] if s["population"] else None
        rows.append((label, s["apl_moyen"], share))
    table = pd.DataFrame(rows, columns=["territoire", "apl_moyen", "part_sous_seuil"])
    facts = {"n_communes": int(own["n_communes"]), "population": own["population"]}
    return table, facts


def comparison_chart(table: pd.DataFrame) -> go.Figure:
    """Two bar groups: mean APL 2023, and the share of the population under 2.5 (in %)."""
    fig = go.Figure()
    fig.add_bar(name="APL moyenne 2023", x=table["territoire"], y=table["apl_moyen"], yaxis="y",
                offsetgroup=0, marker_color="#3182bd", texttemplate="%{y:.2f}", textposition="outside")
    fig.add_bar(name="Part de la population sous 2,5 (%)", x=table["territoire"], y=table["part_sous_seuil"] * 100,
                yaxis="y2", offsetgroup=1, marker_color="#d7301f", texttemplate="%{y:.0f} %", textposition="outside")
    fig.add_hline(y=SOUS_DENSE, line_dash="dot", annotation_text="seuil 2,5", yref="y")
    fig.update_layout(barmode="group", height=360, margin=dict(t=30, b=10, l=10, r=10), separators=", ",
                      yaxis=dict(title="APL"), yaxis2=dict(title="%", overlaying="y", side="right", rangemode="tozero"),
                      legend=dict(orientation="h", y=-0.2))
    return fig
