"""Commune search as people type it: without accents, hyphens or capitals, with « st » for
« saint », by INSEE code, former code of a merged commune, or postal code."""
from __future__ import annotations

import re

import pandas as pd

from santecarte import db
from santecarte.ingest.geography import search_key

ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def normalise(text: str) -> str:
    """The form names are stored under (`communes.nom_search`), abbreviations spelt out; any
    character outside letters, digits and spaces is dropped (so none acts as a LIKE wildcard)."""
    words = re.sub(r"[^a-z0-9 ]", " ", search_key(text or "")).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def search(con, text: str, limit: int = 12, apl_only: bool = True) -> pd.DataFrame:
    """Matching communes (code, nom, departement_code, departement, population, rank, via, label)."""
    raw = (text or "").strip()[:100]
    key = normalise(raw)
    code = raw.upper() if _CODE.match(raw.upper()) else None
    if not key and code is None:
        return pd.DataFrame(columns=["code", "nom", "departement_code", "departement", "population", "rank", "via",
                                     "label"])
    pattern = "%".join(key.split()) + "%" if key else ""
    found = db.query(con, "commune_search", key=key, pattern=f"%{pattern}", code=code, apl_only=apl_only,
                     limit=limit)
    found["label"] = [label(r.nom, r.departement_code, r.code, r.via) for r in found.itertuples()]
    return found


def label(nom: str, departement_code: str, code: str, via: str | None = None) -> str:
    """« Beauvoir-sur-Mer (85) — 85018 », with how a code matched when it did."""
    text = f"{nom} ({departement_code}) — {code}"
    return f"{text} · {via}" if via and via != "code INSEE" else text
