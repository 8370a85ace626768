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
COLUMNS = ("id", "nom", "situations", "zonages", "montant", "conditions", "financeur", "texte", "citation", "url",
           "verifie_le")


@dataclass(frozen=True)
class Aid:
    id: str
    nom: str
    situations: tuple[str, ...]
    zonages: tuple[str, ...]
    montant: str
    conditions: str
    financeur: str
    texte: str
    citation: str
    url: str
    verifie_le: dt.date


def load_catalogue(path: Path = CATALOGUE) -> list[Aid]:
    """Read and check the catalogue: every column filled, known profiles and zonages, a date."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(COLUMNS) - set(table.columns)
    if missing:
        raise ValueError(f"{path.name} : colonnes manquantes {sorted(missing)}")
    aids = []
    for row in table.itertuples(index=False):
        empty = [c for c in COLUMNS if not getattr(row, c).strip()]
        situations, zonages = tuple(row.situations.split("|")), tuple(row.zonages.split("|"))
        if empty or not set(situations) <= set(SITUATIONS) or not set(zonages) <= set(ZONAGES):
            raise ValueError(f"{path.name} : entrée « {row.id} » incomplète ou mal renseignée")
        aids.append(Aid(row.id, row.nom, situations, zonages, row.montant, row.conditions, row.financeur, row.texte,
                        row.citation, row.url, dt.date.fromisoformat(row.verifie_le)))
    return aids


def aids_for(situation: str, zonage: str | None, catalogue: list[Aid]) -> list[tuple[Aid, bool]]:
    """(aid, certain) for `situation` in a commune of `zonage`. « non ZIP » (a source that does not
    tell ZAC from « hors zonage ») keeps the ZAC aids, marked uncertain; no zonage, no aid."""
    if zonage == "non ZIP":
        return [(a, False) for a in catalogue if situation in a.situations and "ZAC" in a.zonages]
    return [(a, True) for a in catalogue if situation in a.situations and zonage in a.zonages]
