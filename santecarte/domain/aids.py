"""The catalogue of national installation aids for GPs (`catalogue/aides_medecins.csv`) and who
can claim what where.

Each entry names the official text it comes from, quotes it, and says when it was checked. Only
national schemes whose terms could be cited are listed; regional and local aids (ARS, regions,
departments, communes) are not, and the page sends users to the ARS and the CPAM for them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

CATALOGUE = Path(__file__).resolve().parent / "catalogue" / "aides_medecins.csv"
SITUATIONS = {
    "etudiant": "Étudiant·e ou interne",
    "remplacant": "Remplaçant·e",
    "installation": "Médecin qui s'installe",
    "installe": "Médecin déjà installé·e",
}
"""Who claims what: a locum (« remplaçant·e ») does not install and has no patients of their
own as médecin traitant, so the primo-installation aids and the forfait médecin traitant are not
theirs; only a text that names locums (CGI art. 151 ter: « les médecins ou leurs remplaçants »)
lists them."""
ZONAGES = ("ZIP", "ZAC", "ZV", "HZ")
COLUMNS = {  # the catalogue's header (French, the file format) → the field of Aid
    "id": "id", "nom": "name", "situations": "situations", "zonages": "zonages", "montant": "amount",
    "conditions": "conditions", "financeur": "funder", "texte": "legal_text", "citation": "quote", "url": "url",
    "verifie_le": "checked_on",
}


@dataclass(frozen=True)
class Aid:
    id: str
    name: str
    situations: tuple[str, ...]       # keys of SITUATIONS
    zonages: tuple[str, ...]          # among ZONAGES
    amount: str                       # as the text words it (« 10 000 €, versés une fois »)
    conditions: str
    funder: str                       # who pays it (« Assurance Maladie (CPAM) »)
    legal_text: str                   # the official text it comes from
    quote: str                        # quoted from that text
    url: str
    checked_on: dt.date


def load_catalogue(path: Path = CATALOGUE) -> list[Aid]:
    """Read and check the catalogue: every column filled, known profiles and zonages, a date."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(COLUMNS) - set(table.columns)
    if missing:
        raise ValueError(f"{path.name} : colonnes manquantes {sorted(missing)}")
    aids = []
    for entry in table[list(COLUMNS)].rename(columns=COLUMNS).to_dict("records"):
        empty = [c for c, v in entry.items() if not v.strip()]
        situations, zonages = tuple(entry["situations"].split("|")), tuple(entry["zonages"].split("|"))
        if empty or not set(situations) <= set(SITUATIONS) or not set(zonages) <= set(ZONAGES):
            raise ValueError(f"{path.name} : entrée « {entry['id']} » incomplète ou mal renseignée")
        aids.append(Aid(**entry | {"situations": situations, "zonages": zonages,
                                   "checked_on": dt.date.fromisoformat(entry["checked_on"])}))
    return aids


def aids_for(situation: str, zonage: str | None, catalogue: list[Aid]) -> list[tuple[Aid, bool]]:
    """(aid, certain) for `situation` in a commune of `zonage`. « non ZIP » (a source that does not
    tell ZAC from « hors zonage ») keeps the ZAC aids, marked uncertain; no zonage, no aid."""
    if zonage == "non ZIP":
        return [(a, False) for a in catalogue if situation in a.situations and "ZAC" in a.zonages]
    return [(a, True) for a in catalogue if situation in a.situations and zonage in a.zonages]


def condition_text(certain: bool, indicative_zonage: str | None = None) -> str:
    """What follows an aid's amount on the page: under an indicative zonage (`indicative_zonage`,
    e.g. « ZIP »), « · (si l'ARS classe la commune en ZIP) »; for an aid `aids_for` marks uncertain,
    « · (à vérifier : ZAC ou hors zonage) »; nothing otherwise. In brackets, not italics: an italic
    text costs the browser a second font file (0.2 s on a first visit)."""
    if indicative_zonage:
        return f" · (si l'ARS classe la commune en {indicative_zonage})"
    return "" if certain else " · (à vérifier : ZAC ou hors zonage)"
