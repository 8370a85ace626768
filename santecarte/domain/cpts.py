"""A territory's card (a CPTS, or any list of communes): population, APL 2023 by DREES rules,
share of the population under 2.5, against its department, its region and France."""
from __future__ import annotations

import pandas as pd

from santecarte.core import db
from santecarte.domain.indicators import SOUS_DENSE, SOUS_DENSE_FR


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
