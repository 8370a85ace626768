"""What every plotly chart of SantéCarte shares, so they read the same on a desk screen, a phone
(390 px) and paper: labels wrapped under their bars and never turned, the legend above the plot,
no toolbar (its tooltips are in English and its buttons cover the bars on a phone)."""
from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

CONFIG = {"displayModeBar": False}
"""`st.plotly_chart(fig, config=CONFIG)`."""


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
