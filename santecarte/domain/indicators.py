"""Thresholds and classes of the APL, and DREES's aggregation rules."""
from __future__ import annotations

from dataclasses import dataclass

from santecarte.core.numbers import format_fr

SOUS_DENSE = 2.5
"""APL below which a commune is « sous-dense » (consultations/visites par habitant standardisé
et par an), the threshold used by the DREES and the doctors' zonage work."""
FRAGILE = 4.0
"""APL below which a commune is « fragile » (between 2.5 and 4)."""

APL_UNIT = "consultations/visites accessibles par habitant standardisé et par an"

# Classes of the choropleth: (upper bound, colour, label), named by what they mean to an ARS
# officer. Every class under 2.5 is « sous-dense », every class from 2.5 to 4 « fragile ».
APL_CLASSES = [
    (1.5, "#7f0000", "moins de 1,5 — sous-dense, accès très faible"),
    (SOUS_DENSE, "#d7301f", "1,5 à 2,5 — sous-dense"),
    (3.0, "#fc8d59", "2,5 à 3 — fragile, proche du seuil"),
    (FRAGILE, "#fdd49e", "3 à 4 — fragile"),
    (5.0, "#a6d96a", "4 à 5 — accès correct"),
    (float("inf"), "#1a9641", "5 et plus — bon accès"),
]
NO_VALUE_COLOUR = "#bdbdbd"
NO_VALUE_LABEL = "pas de valeur publiée"


@dataclass(frozen=True)
class Scale:
    """Colour classes of a choropleth: (upper bound, exclusive; colour; label)."""

    classes: tuple[tuple[float, str, str], ...]
    digits: int = 2

    def colour(self, value: float | None) -> str:
        if value is None or value != value:
            return NO_VALUE_COLOUR
        for upper, colour, _ in self.classes:
            if value < upper:
                return colour
        return self.classes[-1][1]


APL_SCALE = Scale(tuple(APL_CLASSES))
EVOLUTION_SCALE = Scale((
    (-0.5, "#b2182b", "baisse de plus de 0,5"), (-0.2, "#ef8a62", "baisse de 0,2 à 0,5"),
    (-0.05, "#fddbc7", "baisse de 0,05 à 0,2"), (0.05, "#f7f7f7", "stable (± 0,05)"),
    (0.2, "#d1e5f0", "hausse de 0,05 à 0,2"), (0.5, "#67a9cf", "hausse de 0,2 à 0,5"),
    (float("inf"), "#2166ac", "hausse de plus de 0,5")))
NEED_SCALE = Scale((
    (0.9, "#edf8fb", "moins de 0,9 (population jeune)"), (1.0, "#b3cde3", "0,9 à 1"),
    (1.1, "#8c96c6", "1 à 1,1"), (1.2, "#8856a7", "1,1 à 1,2"),
    (float("inf"), "#810f7c", "1,2 et plus (population âgée)")))
SITES_SCALE = Scale((
    (0.01, "#fff5eb", "aucun"), (4, "#fdd0a2", "moins de 4"), (8, "#fd8d3c", "4 à 8"),
    (12, "#d94801", "8 à 12"), (float("inf"), "#7f2704", "12 et plus")), digits=1)
POPULATION_SCALE = Scale((
    (500, "#f7fcf5", "moins de 500"), (2000, "#c7e9c0", "500 à 2 000"), (10000, "#74c476", "2 000 à 10 000"),
    (50000, "#238b45", "10 000 à 50 000"), (float("inf"), "#00441b", "50 000 et plus")), digits=0)


@dataclass(frozen=True)
class Indicator:
    label: str
    column: str          # column of santecarte.domain.communes.commune_table
    scale: Scale
    year: int            # vintage (DREES population of that year for the rules)
    apl: bool = False    # an APL: DREES aggregation rules and the 2.5 / 4 thresholds apply
    source: str = "DREES"


INDICATORS = (
    Indicator("APL 2023", "apl_2023", APL_SCALE, 2023, True),
    Indicator("APL 2022", "apl_2022", APL_SCALE, 2022, True),
    Indicator("APL 2023 — généralistes de 65 ans ou moins", "apl65_2023", APL_SCALE, 2023, True),
    Indicator("APL 2022 — généralistes de 65 ans ou moins", "apl65_2022", APL_SCALE, 2022, True),
    Indicator("Évolution de l'APL, 2022 → 2023", "evolution", EVOLUTION_SCALE, 2023),
    Indicator("APL SantéCarte 2023 — calculée sur les lieux d'exercice RPPS", "apl_santecarte", APL_SCALE, 2023,
              True, "SantéCarte (RPPS août 2023, Île-de-France)"),
    Indicator("Indice de besoin (population standardisée / population)", "besoin", NEED_SCALE, 2023,
              source="DREES, population standardisée 2023"),
    Indicator("Lieux d'exercice de généralistes pour 10 000 habitants", "sites_10k", SITES_SCALE, 2023,
              source="RPPS août 2023 (Île-de-France)"),
    Indicator("Population (population légale)", "population", POPULATION_SCALE, 2023, source="INSEE via Etalab"),
)
INDICATOR_BY_LABEL = {i.label: i for i in INDICATORS}


def apl_colour(value: float | None) -> str:
    return APL_SCALE.colour(value)


SOUS_DENSE_FR = format_fr(SOUS_DENSE, 1)
"""The threshold as every text writes it: « 2,5 »."""


