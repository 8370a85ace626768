"""The nurses' conventional zonage: five classes per commune, set by each ARS under the national
nurses' convention (CartoSanté export « Zonage infirmiers », all France)."""
from __future__ import annotations

import pandas as pd

from santecarte.core import db

CLASSES = {  # classe → (label, colour of the map, from the most to the least underserved)
    1: ("très sous-dotée", "#b2182b"),
    2: ("sous-dotée", "#ef8a62"),
    3: ("intermédiaire", "#f7f7f7"),
    4: ("très dotée", "#67a9cf"),
    5: ("sur-dotée", "#2166ac"),
}
SOURCE = "ARS, zonage conventionnel des infirmiers, via CartoSanté"


def departement_classes(con, dep: str) -> pd.DataFrame:
    """Every APL unit of the department with its class (NULL where none is published) and contour."""
    return db.query(con, "nurse_zonage", dep=dep)


def unit_classes(con, units: list[str], dep: str) -> dict[str, int | None]:
    """The class of each APL unit of a commune (a PLM city has one per arrondissement)."""
    table = departement_classes(con, dep).set_index("code")["classe"]
    return {u: (int(table[u]) if u in table.index and pd.notna(table[u]) else None) for u in units}
