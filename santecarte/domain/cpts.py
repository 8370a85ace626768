"""A territory's card (a CPTS, or any list of communes): population, APL 2023 by DREES rules,
share of the population under 2.5, against its department, its region and France; the CPTS
coverage of a region's departments."""
from __future__ import annotations

import pandas as pd

from santecarte.core import db
from santecarte.core.numbers import french_table
from santecarte.domain.indicators import SOUS_DENSE, SOUS_DENSE_FR, territory_summary


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
