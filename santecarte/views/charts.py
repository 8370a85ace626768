"""What every plotly chart of SantéCarte shares, so they read the same on a desk screen, a phone
(390 px) and paper: labels wrapped under their bars and never turned, the legend above the plot,
no toolbar (its tooltips are in English and its buttons cover the bars on a phone)."""
from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from santecarte.core.numbers import format_fr
from santecarte.core.professions import GP, PROFESSIONS
from santecarte.domain.cpts import APL_LABEL, SHARE_LABEL
from santecarte.domain.indicators import SOUS_DENSE, SOUS_DENSE_FR
from santecarte.domain.profile import TREND_YEARS, Profile, rank_table, share_fr

CONFIG = {"displayModeBar": False}
"""`st.plotly_chart(fig, config=CONFIG)`."""

THRESHOLD_LABEL = f"Seuil de {SOUS_DENSE_FR} (APL)"
BAR_HALF = 0.4
"""Half the width of a bar group on the category axis (plotly's default bargap 0.2): the APL
bar fills [i - 0.4, i], the share bar [i, i + 0.4]."""


def wrapped_label(name: str, width: int = 9) -> str:
    """A category name on short lines under its bars, words kept whole (four bars fit side by side
    at 390 px); escaped, as plotly reads tags in texts (a CPTS or file name is a user's text)."""
    lines = textwrap.wrap(name, width, break_long_words=False)
    return "<br>".join(html.escape(line) for line in lines) or html.escape(name)


def readable(fig: go.Figure) -> go.Figure:
    """Horizontal tick labels with room made for them, the legend on top, French separators."""
    fig.update_xaxes(tickangle=0, automargin=True, tickfont=dict(size=10))
    fig.update_yaxes(automargin=True)
    return fig.update_layout(separators=", ", legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"))


TREND_STYLES = (  # the commune, its department, region, France: the commune drawn first and strongest
    dict(color="#08519c", width=3.5, dash="solid"), dict(color="#6baed6", width=2, dash="solid"),
    dict(color="#31a354", width=2, dash="dash"), dict(color="#636363", width=2, dash="dot"))


def profile_trend_chart(profile: Profile) -> go.Figure:
    """The GP APL 2021 → 2023 of the commune, its department, region and France: one line per
    territory, the years as categories, the commune's line strongest, the 2.5 threshold dotted
    across; one hover per year naming the four values in French (decimal comma, unit). No values
    written by the points (they collided with the lines around): the table under the chart gives them."""
    unit = PROFESSIONS[GP].unit_short
    years = [str(y) for y in TREND_YEARS]
    fig = go.Figure()
    names = list(dict.fromkeys(profile.trend["territoire"]))
    for k, name in enumerate(names):
        rows = profile.trend[profile.trend["territoire"] == name].set_index("year")["apl"]
        values = [rows.get(y) for y in TREND_YEARS]
        values = [None if v is None or pd.isna(v) else float(v) for v in values]
        texts = [format_fr(v, 2) for v in values]
        fig.add_scatter(name=html.escape(name), x=years, y=values, customdata=texts,
                        mode="lines+markers", line=TREND_STYLES[k % 4], marker=dict(size=9 if k == 0 else 6),
                        hovertemplate=html.escape(name) + " : %{customdata} " + unit + "<extra></extra>")
    top = max([v for v in profile.trend["apl"].dropna()] + [SOUS_DENSE]) * 1.15
    fig.add_hline(y=SOUS_DENSE, line_dash="dot", line_color="#d7301f",
                  annotation_text=f"seuil {SOUS_DENSE_FR} (sous-dense)", annotation_position="bottom right",
                  annotation_bgcolor="rgba(255,255,255,0.8)")
    fig.update_layout(height=380, margin=dict(t=30, b=10, l=10, r=10),
                      xaxis=dict(type="category", title="Année de l'APL"),
                      yaxis=dict(title=f"APL ({unit})", range=[0, top], tickformat=".1f"),
                      hovermode="x unified", hoverlabel=dict(namelength=-1))
    return readable(fig)


def profile_rank_chart(profile: Profile) -> go.Figure:
    """Where the commune stands: % of communes of its department, region and France with a lower APL."""
    table = rank_table(profile)
    fig = go.Figure()
    for year, colour in ((2022, "#9ecae1"), (2023, "#2171b5")):
        rows = table[table["year"] == year]
        fig.add_bar(name=f"APL {year}", y=rows["niveau"], x=rows["percent"], orientation="h", marker_color=colour,
                    text=[share_fr(v / 100, short=True) for v in rows["percent"]], texttemplate="%{text}",
                    textposition="outside", hovertemplate="%{y} : %{text}<extra></extra>")
    fig.update_layout(barmode="group", height=280, margin=dict(t=10, b=10, l=10, r=30),
                      xaxis=dict(title="% des communes dont l'APL est plus basse", range=[0, 110]),
                      yaxis=dict(categoryorder="array", categoryarray=["France", "Région", "Département"]))
    return readable(fig)


def cpts_comparison_chart(table: pd.DataFrame) -> go.Figure:
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
