"""The five primary-care professions of the DREES APL, with the unit and the scope of each.

Units differ (DREES, « L'accessibilité potentielle localisée », méthodologie): the GP APL is in
consultations/visits per standardised inhabitant per year; the others in full-time equivalents
per 100,000 standardised inhabitants (per 100,000 standardised women for midwives). Two
professions are never put on one scale. `scope` is the age bound of the professionals counted,
as the DREES publishes it: the headline value of each profession is its `main_scope`.
"""
from __future__ import annotations

from dataclasses import dataclass

GP = "medecin_generaliste"


@dataclass(frozen=True)
class Profession:
    key: str
    label: str          # « Médecins généralistes »
    singular: str       # « médecin généraliste »
    unit: str           # full unit, for captions and exports
    unit_short: str     # axis labels and table headers
    main_scope: str     # the headline value: 'tous' or 'moins65', as published
    years: tuple[int, ...]
    decimals: int = 2       # as shown: every APL with 2 decimals (issue #14)
    mean_decimals: int = 2  # national means as the DREES states them: 3.811 for GPs, 156.07 for nurses


PROFESSIONS: dict[str, Profession] = {p.key: p for p in (
    Profession(GP, "Médecins généralistes", "médecin généraliste",
               "consultations ou visites accessibles par habitant standardisé et par an", "consultations/hab./an",
               "tous", (2021, 2022, 2023), mean_decimals=3),
    Profession("infirmier", "Infirmiers", "infirmier",
               "ETP d'infirmiers de 65 ans et moins accessibles pour 100 000 habitants standardisés",
               "ETP/100 000 hab.", "moins65", (2021,)),
    Profession("masseur_kinesitherapeute", "Masseurs-kinésithérapeutes", "masseur-kinésithérapeute",
               "ETP de masseurs-kinésithérapeutes de 65 ans et moins accessibles pour 100 000 habitants standardisés",
               "ETP/100 000 hab.", "moins65", (2021,)),
    Profession("sage_femme", "Sages-femmes", "sage-femme",
               "ETP de sages-femmes accessibles pour 100 000 femmes standardisées",
               "ETP/100 000 femmes", "tous", (2021,)),
    Profession("chirurgien_dentiste", "Chirurgiens-dentistes", "chirurgien-dentiste",
               "ETP de chirurgiens-dentistes de 65 ans et moins accessibles pour 100 000 habitants standardisés",
               "ETP/100 000 hab.", "moins65", (2021,)),
)}

SCOPES = {"tous": "sans borne d'âge", "moins65": "65 ans et moins", "moins62": "62 ans et moins"}

SOURCE = "DREES, indicateurs APL"


def profession(key: str) -> Profession:
    return PROFESSIONS[key]
