"""Thresholds and classes of the APL, and DREES's aggregation rules."""
from __future__ import annotations

SOUS_DENSE = 2.5
"""APL below which a commune is « sous-dense » (consultations/visites par habitant standardisé
et par an), the threshold used by the DREES and the doctors' zonage work."""
FRAGILE = 4.0
"""APL below which a commune is « fragile » (between 2.5 and 4)."""

APL_UNIT = "consultations/visites accessibles par habitant standardisé et par an"

# Classes of the choropleth: (upper bound, colour, label). Bounds include both thresholds.
APL_CLASSES = [
    (1.5, "#7f0000", "moins de 1,5"),
    (SOUS_DENSE, "#d7301f", "1,5 à 2,5 — sous-dense"),
    (3.0, "#fc8d59", "2,5 à 3"),
    (FRAGILE, "#fdd49e", "3 à 4 — fragile"),
    (5.0, "#a6d96a", "4 à 5"),
    (float("inf"), "#1a9641", "5 et plus"),
]
NO_VALUE_COLOUR = "#bdbdbd"
NO_VALUE_LABEL = "pas de valeur publiée"


def apl_colour(value: float | None) -> str:
    if value is None or value != value:
        return NO_VALUE_COLOUR
    for upper, colour, _ in APL_CLASSES:
        if value < upper:
            return colour
    return APL_CLASSES[-1][1]


def format_fr(value: float | None, digits: int = 2) -> str:
    """French number formatting: comma decimal separator, narrow no-break space for thousands."""
    if value is None or value != value:
        return "—"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",")
