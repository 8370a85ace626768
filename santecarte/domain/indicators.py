"""Thresholds and classes of the APL, and DREES's aggregation rules."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from santecarte.core import db
from santecarte.core.numbers import format_fr
from santecarte.core.professions import SOURCE as APL_SOURCE
from santecarte.core.professions import Profession

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
    Indicator("APL 2021", "apl_2021", APL_SCALE, 2021, True),
    Indicator("APL 2021 — généralistes de 65 ans ou moins", "apl65_2021", APL_SCALE, 2021, True),
    Indicator("Évolution de l'APL, 2022 → 2023", "evolution", EVOLUTION_SCALE, 2023),
    Indicator("Évolution de l'APL, 2021 → 2023", "evolution_2021_2023", EVOLUTION_SCALE, 2023),
    Indicator("Évolution de l'APL, 2021 → 2022", "evolution_2021_2022", EVOLUTION_SCALE, 2022),
    Indicator("APL SantéCarte 2023 — calculée sur les lieux d'exercice RPPS", "apl_santecarte", APL_SCALE, 2023,
              True, "SantéCarte (RPPS août 2023, Île-de-France)"),
    Indicator("Indice de besoin (population standardisée / population)", "besoin", NEED_SCALE, 2023,
              source="DREES, population standardisée 2023"),
    Indicator("Lieux d'exercice de généralistes pour 10 000 habitants", "sites_10k", SITES_SCALE, 2023,
              source="RPPS août 2023 (Île-de-France)"),
    Indicator("Population (population légale)", "population", POPULATION_SCALE, 2023, source="INSEE via Etalab"),
)
INDICATOR_BY_LABEL = {i.label: i for i in INDICATORS}
"""The GP indicators (the default profession of the map)."""

QUINTILE_COLOURS = ("#d7301f", "#fc8d59", "#fdd49e", "#a6d96a", "#1a9641")
QUINTILE_ENDS = {  # what is classed → (the lowest fifth, the highest fifth), as the legend says it
    "communes": ("les 20 % de communes les moins dotées de France", "les 20 % de communes les mieux dotées"),
    "départements": ("les 20 % de départements les moins dotés", "les 20 % de départements les mieux dotés"),
}


def quintile_scale(bounds: list[float], digits: int = 2, of: str = "communes") -> Scale:
    """The classes of a profession without a threshold of its own: the quintiles (`bounds`: 20, 40,
    60, 80 %) of France's communes, or of its departments on the whole-France map, lowest first."""
    b = [format_fr(x, digits) for x in bounds]
    lowest, highest = QUINTILE_ENDS[of]
    labels = (f"moins de {b[0]} — {lowest}", f"{b[0]} à {b[1]}", f"{b[1]} à {b[2]} — autour de la médiane",
              f"{b[2]} à {b[3]}", f"{b[3]} et plus — {highest}")
    return Scale(tuple(zip([*bounds, float("inf")], QUINTILE_COLOURS, labels)), digits)


def profession_indicator(p: Profession, year: int, bounds: list[float], of: str = "communes") -> Indicator:
    """The one map indicator of a profession other than GPs: its APL of `year`, with its unit, in
    quintiles of the communes (or departments) of France."""
    return Indicator(f"APL {year} — {p.label.lower()} ({p.unit_short})", "apl_profession",
                     quintile_scale(bounds, p.decimals, of), year, source=f"{APL_SOURCE} ({year})")


def apl_colour(value: float | None) -> str:
    return APL_SCALE.colour(value)


SOUS_DENSE_FR = format_fr(SOUS_DENSE, 1)
"""The threshold as every text writes it: « 2,5 »."""


def apl_change(apl: dict[int, float | None]) -> float | None:
    """APL 2023 − APL 2022 of an {year: APL} mapping, None when either is missing."""
    before, now = apl.get(2022), apl.get(2023)
    return None if before is None or now is None else now - before


def evolution_delta(change: float | None) -> str | None:
    """The APL's change since 2022 as a metric's delta (« -0,18 depuis 2022 »), None when unknown."""
    return None if change is None or pd.isna(change) else format_fr(change, 2) + " depuis 2022"


SUMMARY_SOURCES = {"apl_2023": ("apl", 2023), "apl_2022": ("apl", 2022), "apl_2021": ("apl", 2021),
                   "apl65_2023": ("apl_moins65", 2023), "apl65_2022": ("apl_moins65", 2022),
                   "apl65_2021": ("apl_moins65", 2021), "apl_santecarte": ("apl_santecarte", 2023)}
"""The APL indicators with headline figures: column → (indicator of `territory_summary`, year)."""


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


@dataclass(frozen=True)
class TerritorySummary:
    """A territory's headline figures by DREES rules: the mean APL weighted by the standardised
    population, and the population (total, of the APL's year) of the communes under 2.5."""

    n_communes: int                  # communes (at the APL level) with a value
    apl_moyen: float | None
    population: float | None
    population_sous_seuil: float
    n_communes_sous_seuil: int

    @property
    def part_sous_seuil(self) -> float | None:
        """Share (0 to 1) of the population living in communes under 2.5."""
        return self.population_sous_seuil / self.population if self.population else None

    @property
    def percent_sous_seuil(self) -> float | None:
        """The same share in %."""
        return 100 * self.population_sous_seuil / self.population if self.population else None


def territory_summary(con, level: str, code: str = "", year: int = 2023, indicator: str = "apl") -> TerritorySummary:
    """The headline figures of France (`level` 'france', `code` ignored), a region or a
    department, for `indicator` 'apl', 'apl_moins65' (DREES) or 'apl_santecarte' (ours)."""
    s = db.query(con, "territory_summary", level=level, code=code, year=year, seuil=SOUS_DENSE,
                 indicateur=indicator).iloc[0]
    return TerritorySummary(n_communes=int(s["n_communes"]), apl_moyen=_number(s["apl_moyen"]),
                            population=_number(s["population"]),
                            population_sous_seuil=float(s["population_sous_seuil"]),
                            n_communes_sous_seuil=int(s["n_communes_sous_seuil"]))


def summary_row(name: str, s: TerritorySummary) -> dict[str, str]:
    """One row of the « Chiffres clés » table, as the page writes it."""
    return {"Territoire": name, "APL moyenne (pondérée)": format_fr(s.apl_moyen, 2),
            f"Communes sous {SOUS_DENSE_FR}": f"{format_fr(s.n_communes_sous_seuil, 0)} / {format_fr(s.n_communes, 0)}",
            f"Population sous {SOUS_DENSE_FR}": format_fr(s.population_sous_seuil, 0),
            "Part de la population": format_fr(s.percent_sous_seuil, 1) + " %" if s.population else "—"}


def headline_scopes(column: str, level: str, code: str, region: str, region_name: str) -> list[tuple[str, str, str]]:
    """(row name, level, code) of the « Chiffres clés » rows: the selection (none for the whole
    of France), its region when it is a department, and France (not for our APL, computed only
    where practice sites are loaded)."""
    scopes = [("Sélection", level, code)] if level != "france" else []
    if level == "departement":
        scopes.append((f"Région {region_name}", "region", region))
    if column != "apl_santecarte":
        scopes.append(("France", "france", ""))
    return scopes


def headline_table(con, column: str, level: str, code: str, region: str = "", region_name: str = "") -> pd.DataFrame:
    """The « Chiffres clés » table of indicator `column` (a key of SUMMARY_SOURCES) for the
    territory shown, French figures; a territory with no value has no row (no row, no column)."""
    indicator, year = SUMMARY_SOURCES[column]
    rows = []
    for name, lvl, cde in headline_scopes(column, level, code, region, region_name):
        s = territory_summary(con, lvl, cde, year, indicator)
        if s.n_communes:
            rows.append(summary_row(name, s))
    return pd.DataFrame(rows)
