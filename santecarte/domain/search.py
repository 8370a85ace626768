"""Commune search as people type it: without accents, hyphens or capitals, with « st » for
« saint », by INSEE code, former code of a merged commune, or postal code."""
from __future__ import annotations

import re

import pandas as pd

from santecarte.core import db
from santecarte.core.names import search_key

ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def normalise(text: str) -> str:
    """The form names are stored under (`communes.nom_search`), abbreviations spelt out; any
    character outside letters, digits and spaces is dropped (so none acts as a LIKE wildcard)."""
    words = re.sub(r"[^a-z0-9 ]", " ", search_key(text or "")).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def search(con, text: str, limit: int = 12, apl_only: bool = True) -> pd.DataFrame:
    """Matching communes (code, nom, departement_code, departement, population, rank, via, n_total,
    label), best first: at most `limit` rows (every code match kept), `n_total` the number that
    match in all. Names spelt closely come only when nothing matches the words as typed."""
    raw = (text or "").strip()[:100]
    key = normalise(raw)
    code = raw.upper() if _CODE.match(raw.upper()) else None
    if not key and code is None:
        return pd.DataFrame(columns=["code", "nom", "departement_code", "departement", "population", "rank", "via",
                                     "n_total", "label"])
    pattern = "%".join(key.split()) + "%" if key else ""
    found = db.query(con, "commune_search", key=key, pattern=f"%{pattern}", code=code, apl_only=apl_only,
                     limit=limit)
    found["label"] = [label(r.nom, r.departement_code, r.code, r.via) for r in found.itertuples()]
    return found


def label(nom: str, departement_code: str, code: str, via: str | None = None) -> str:
    """« Beauvoir-sur-Mer (85) — 85018 », with how a code matched when it did."""
    text = f"{nom} ({departement_code}) — {code}"
    return f"{text} · {via}" if via and via != "code INSEE" else text


def count_text(found: pd.DataFrame) -> str:
    """The selectbox's label: « 12 premiers sur 35 : précisez… » when the list is cut."""
    shown, total = len(found), int(found["n_total"].max()) if len(found) else 0
    if total > shown:
        return f"{shown} premiers résultats sur {total} — précisez la recherche pour voir les autres"
    return f"{shown} résultats" if shown > 1 else "Résultat"


def code_notes(found: pd.DataFrame) -> list[str]:
    """What a typed code matched when it is read several ways: a city's code giving its
    arrondissements, a postal code that is also a merged commune's former INSEE code, or the
    names spelt closely."""
    notes = []
    vias = found["via"].dropna()
    postal = vias[vias.str.startswith("code postal")]
    former = found[found["via"].fillna("").str.startswith("ancien code")]
    if len(postal) and len(former):
        code = postal.iloc[0].removeprefix("code postal ")
        whom = "d'une commune, listée" if len(postal) == 1 else f"de {len(postal)} communes, listées"
        notes.append(f"{code} est le code postal {whom} d'abord, et aussi l'ancien code INSEE d'une commune "
                     f"fusionnée, aujourd'hui dans : {', '.join(former['nom'])}.")
    city = vias[vias.str.startswith("arrondissement de ")]
    if len(city):
        notes.append(f"{city.iloc[0].removeprefix('arrondissement de ')} est publiée par la DREES arrondissement par "
                     "arrondissement : choisissez un arrondissement.")
    if (found["rank"] == 6).any():
        notes.append("Aucune commune ne s'écrit ainsi : voici les noms les plus proches.")
    return notes
