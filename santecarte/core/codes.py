"""INSEE code normalisation.

INSEE commune codes are 5-character strings: 2 characters of department (01–95, 2A/2B for
Corsica) or 3 for the DROM (971–976), then the commune number. Spreadsheets often turn them
into integers ("1001" for 01001) or lose the Corsican letters' case. Municipal arrondissements
of Paris (75101–75120), Lyon (69381–69389) and Marseille (13201–13216) are codes of their own:
they are kept as they are; the database links each to its city (`communes.parent_code`), and
`PLM_CITIES` names the three cities.
"""
from __future__ import annotations

import re

_COMMUNE_RE = re.compile(r"^(?:\d{2}|2[AB])\d{3}$")

PLM_CITIES = {"75056": "Paris", "69123": "Lyon", "13055": "Marseille"}


def normalize_commune_code(value: object) -> str | None:
    """Return the 5-character INSEE code, or None when `value` cannot be one.

    Accepts ints and floats from spreadsheets (1001 → "01001"), surrounding spaces and a
    lower-case Corsican letter ("2a004" → "2A004").
    """
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or not value.is_integer():  # NaN or 1001.5
            return None
        value = int(value)
    text = str(value).strip().upper()
    if text.isdigit() and 3 <= len(text) < 5:
        text = text.zfill(5)
    return text if _COMMUNE_RE.match(text) else None


def departement_of(code: str) -> str:
    """Department of a commune code: 3 characters for the DROM (97x), else 2 (INSEE rule)."""
    return code[:3] if code.startswith("97") else code[:2]


def plm_city_of(code: str) -> str | None:
    """The city (75056, 69123, 13055) a municipal arrondissement belongs to, else None."""
    if code.startswith("751") and 75101 <= int(code) <= 75120:
        return "75056"
    if code.startswith("6938") and 69381 <= int(code) <= 69389:
        return "69123"
    if code.startswith("132") and 13201 <= int(code) <= 13216:
        return "13055"
    return None
