"""A territory's card (a CPTS, or any list of communes): population, APL 2023 by DREES rules,
share of the population under 2.5, against its department, its region and France; the APL of the
five primary-care professions against the same three (issue #17); the CPTS coverage of a region's
departments."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from santecarte.core import db
from santecarte.core.codes import departement_of
from santecarte.core.numbers import french_table
from santecarte.core.professions import GP, PROFESSIONS, SOURCE
from santecarte.domain import professions
from santecarte.domain.indicators import SOUS_DENSE, SOUS_DENSE_FR, territory_summary


@dataclass(frozen=True)
class Place:
    """Where a perimeter is compared: the department holding most of its population, that
    department's region, and every department the perimeter touches."""

    departement_code: str
    departement_nom: str
    region_code: str
    region_nom: str
    departements: tuple[str, ...]

    @property
    def note(self) -> str | None:
        """A French sentence when the perimeter spans several departments, else None."""
        if len(self.departements) < 2:
            return None
        return (f"Ce périmètre s'étend sur {len(self.departements)} départements ({', '.join(self.departements)}) : "
                f"il est comparé à celui qui compte le plus d'habitants, {self.departement_nom} "
                f"({self.departement_code}), et à sa région.")


def place_of(con, codes: list[str]) -> Place:
    """The department (the most populous among the perimeter's communes) and region a perimeter is
    compared with, and the departments it spans."""
    where = db.query(con, "perimeter_place", codes=codes).iloc[0]
    return Place(str(where["departement_code"]), str(where["departement_nom"]), str(where["region_code"]),
                 str(where["region_nom"]), tuple(sorted({departement_of(c) for c in codes})))


def perimeter_card(con, codes: list[str], name: str = "Territoire",
                   place: Place | None = None) -> tuple[pd.DataFrame, dict]:
    """(comparison table, facts): one row each for the perimeter (named `name`: the CPTS, the
    file…), its main department, its region and France — APL moyenne (weighted by standardised
    population) and the share of the population in communes under 2.5 (total population, DREES
    rule); `place`: its `place_of` when the caller has it."""
    own = db.query(con, "perimeter_summary", codes=codes, seuil=SOUS_DENSE).iloc[0]
    where = place or place_of(con, codes)
    rows = [(name, own["apl_moyen"], own["part_sous_seuil"])]
    for label, level, code in ((f"Département {where.departement_nom}", "departement", where.departement_code),
                               (f"Région {where.region_nom}", "region", where.region_code),
                               ("France", "france", "")):
        s = territory_summary(con, level, code, 2023)
        rows.append((label, s.apl_moyen, s.part_sous_seuil))
    table = pd.DataFrame(rows, columns=["territoire", "apl_moyen", "part_sous_seuil"])
    table[["apl_moyen", "part_sous_seuil"]] = table[["apl_moyen", "part_sous_seuil"]].astype(float)
    facts = {"n_communes": int(own["n_communes"]), "population": own["population"]}
    return table, facts


APL_LABEL = "APL moyenne 2023"
SHARE_LABEL = f"Part de la population sous {SOUS_DENSE_FR} (%)"


def card_display(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison table of `perimeter_card` as the card shows it: French headers and figures, share in %."""
    return french_table(table.assign(part_sous_seuil=100 * table["part_sous_seuil"])
                        .rename(columns={"territoire": "Territoire", "apl_moyen": APL_LABEL,
                                         "part_sous_seuil": SHARE_LABEL}), {APL_LABEL: 2, SHARE_LABEL: 1})


PROFESSIONS_TITLE = "Cinq professions de premier recours"


def professions_display(con, codes: list[str], name: str = "Territoire",
                        place: Place | None = None) -> pd.DataFrame:
    """The five professions of a perimeter (`professions.perimeter_table`: its APL weighted by
    standardised population, DREES rule) against its department, its region and France, as the card
    shows it: one row per profession, every figure with its own unit, French numbers. Columns:
    Profession, Année, `name`, « Département <nom> », « Région <nom> », France."""
    place = place or place_of(con, codes)
    table = professions.perimeter_table(con, codes, place.departement_code, place.region_code, "perimetre")
    dep, region = f"Département {place.departement_nom}", f"Région {place.region_nom}"
    rows = []
    for row in table.itertuples(index=False):
        p = PROFESSIONS[row.profession]
        rows.append({"Profession": p.label, "Année": str(row.year),
                     name: professions.value_text(p, row.perimetre),
                     dep: professions.value_text(p, getattr(row, "département")),
                     region: professions.value_text(p, getattr(row, "région")),
                     "France": professions.value_text(p, row.France)})
    return pd.DataFrame(rows, columns=["Profession", "Année", name, dep, region, "France"])


def professions_caption() -> str:
    """What the five professions' table is: source and vintages, units (which differ by profession),
    the ages counted, the DREES rule of the means."""
    gp = PROFESSIONS[GP]
    years = sorted({y for p in PROFESSIONS.values() if p.key != GP for y in p.years})
    return (f"Source : {SOURCE} — APL {', '.join(map(str, years))}, {max(gp.years)} pour les {gp.label.lower()}. "
            "Les unités diffèrent d'une profession à l'autre et ne se comparent pas entre elles, seulement le long "
            f"d'une ligne. {professions.UNITS} Moyennes des communes pondérées par la population "
            "standardisée (règle de la DREES).")


COVERAGE_COLUMNS = {"departement_code": "Code", "nom": "Département", "n_communes": "Communes",
                    "n_couvertes": "Communes couvertes", "population": "Population",
                    "population_couverte": "Population couverte", "part": "Part de la population couverte (%)"}


def coverage_display(coverage: pd.DataFrame) -> pd.DataFrame:
    """The CPTS coverage of a region's departments (`cpts_coverage`) with the region's total
    row and the share of the population covered, French headers and figures."""
    total = coverage[["n_communes", "n_couvertes", "population", "population_couverte"]].sum()
    return french_table(
        pd.concat([coverage, pd.DataFrame([{"departement_code": "", "nom": "Région", **total}])])
        .assign(part=lambda d: 100 * d["population_couverte"] / d["population"]).rename(columns=COVERAGE_COLUMNS),
        {"Population": 0, "Population couverte": 0, "Part de la population couverte (%)": 1})
