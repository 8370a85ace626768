"""The nurses' conventional zonage: five classes per commune, set by each ARS under the national
nurses' convention (CartoSanté export « Zonage infirmiers », all France)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from santecarte.core import db
from santecarte.core.numbers import export_csv_bytes, format_fr
from santecarte.core.professions import PROFESSIONS
from santecarte.domain.professions import (
    ProfessionLine,
    caption,
    commune_lines,
    latest_year,
    provenance,
    territory_values,
)

NURSE = "infirmier"

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


def unit_classes(con, units: list[str], dep: str, table: pd.DataFrame | None = None) -> dict[str, int | None]:
    """The class of each APL unit of a commune (a PLM city has one per arrondissement); `table`: the
    department's `departement_classes` when the caller has read it already."""
    classes = (departement_classes(con, dep) if table is None else table).set_index("code")["classe"]
    return {u: classe_of(classes[u]) if u in classes.index else None for u in units}


def classe_of(value) -> int | None:
    """A class read from the database (a float column, NULL where none is published) as 1…5 or None."""
    return None if pd.isna(value) else int(value)


# What each class means for a nurse setting up practice, from the national nurses' convention
# (avenant 6, signed on 29 March 2019) and the ARS zonage decisions. Checked against the ARS
# « PAPS » pages (Bretagne, Grand Est, Île-de-France, Occitanie): the three national incentive
# contracts are for « très sous-dotée » zones only. No amount here: they change, the CPAM says.
MEANING = {
    1: ("Contrats incitatifs infirmiers ouverts",
        "En zone très sous-dotée, l'avenant 6 ouvre aux infirmier·es libéraux conventionnés trois contrats "
        "incitatifs, signés avec la CPAM : l'aide à la première installation (CAPII), l'aide à l'installation "
        "(CAII) et l'aide au maintien de l'activité (CAMI). Une aide à l'installation et à l'activité dans la zone, "
        "contre des engagements : y rester plusieurs années, y réaliser une part de son activité, exercer en "
        "groupe ou dans une équipe coordonnée (MSP, ESP, CPTS)."),
    2: ("Installation libre ; pas de contrat incitatif national",
        "En zone sous-dotée, l'installation sous convention est libre. Les contrats incitatifs de l'avenant 6 "
        "(CAPII, CAII, CAMI) sont réservés aux zones très sous-dotées : la commune n'y ouvre pas droit. L'ARS ou "
        "les collectivités peuvent avoir leurs propres aides : renseignez-vous."),
    3: ("Installation libre, sans aide spécifique",
        "En zone intermédiaire, l'installation sous convention est libre et aucune aide conventionnelle "
        "spécifique n'est prévue. Près d'une zone sur-dotée, une nouvelle installation peut devoir réaliser "
        "l'essentiel de son activité dans sa zone : renseignez-vous auprès de la CPAM."),
    4: ("Installation libre, sans aide spécifique",
        "En zone très dotée, l'installation sous convention est libre et aucune aide conventionnelle spécifique "
        "n'est prévue. Près d'une zone sur-dotée, une nouvelle installation peut devoir réaliser l'essentiel de "
        "son activité dans sa zone : renseignez-vous auprès de la CPAM."),
    5: ("Conventionnement régulé : une installation pour un départ",
        "En zone sur-dotée, un nouveau conventionnement (une installation sous la convention, remboursée par "
        "l'Assurance maladie) n'est possible que pour succéder à un·e infirmier·e qui cesse définitivement son "
        "activité dans la zone, sauf dérogation : c'est la régulation du conventionnement, « une installation "
        "pour un départ »."),
}
NO_CLASS = ("Aucune classe de zonage infirmiers n'est publiée pour cette commune dans l'export CartoSanté : "
            "renseignez-vous auprès de l'ARS.")
TEXTS = ("Convention nationale des infirmiers, avenant 6 (signé le 29 mars 2019, approuvé par arrêté en 2019) ; "
         "zonage arrêté par l'ARS, export CartoSanté")
CHECK = ("Montants et conditions : voir l'ARS et la CPAM. Le zonage est celui de l'export CartoSanté (2024 selon "
         "sa source) : l'ARS a pu le réviser depuis, seul son arrêté fait foi.")


def class_text(classe: int | None) -> str:
    """« sous-dotée (classe 2 sur 5) », or « pas de classe publiée »."""
    if classe is None or classe not in CLASSES:
        return "pas de classe publiée"
    return f"{CLASSES[classe][0]} (classe {classe} sur {len(CLASSES)})"


def headline(classe: int | None) -> str:
    """« Zonage infirmiers : sous-dotée (classe 2 sur 5) »."""
    return f"Zonage infirmiers : {class_text(classe)}"


@dataclass(frozen=True)
class NurseFacts:
    """A commune (or arrondissement) as the nurses' view shows it."""

    code: str
    nom: str
    departement_code: str
    departement: str
    classe: int | None            # None for a PLM city as a whole (see `units`) or where none is published
    city: str | None              # the city of an arrondissement (« Paris »), or the PLM city itself
    units: pd.DataFrame           # the city's arrondissements: code, nom, classe, zonage (text); empty elsewhere
    apl: ProfessionLine           # the nurses' APL 2021 of the commune, its department and France

    @property
    def is_city(self) -> bool:
        """Paris, Lyon or Marseille as a whole: a class per arrondissement, none for the city."""
        return self.city == self.nom and not self.units.empty


def commune_facts(con, code: str) -> NurseFacts | None:
    """The nurses' zonage class of `code`, its city's arrondissements' classes (Paris, Lyon,
    Marseille) and its nurses' APL; None for an unknown code."""
    ident = db.query(con, "commune_identity", code=code)
    if ident.empty:
        return None
    who = ident.iloc[0]
    dep, own_units = who["departement_code"], list(who["units"])
    table = departement_classes(con, dep)
    classes = unit_classes(con, [code], dep, table) if who["apl_unit"] else {}
    city, units = None, table.iloc[0:0]
    if not who["apl_unit"]:  # a PLM city: its arrondissements
        city, units = who["nom"], table[table["code"].isin(own_units)]
    elif isinstance(who["parent_code"], str):  # an arrondissement: its city's
        parent = db.query(con, "commune_identity", code=who["parent_code"])
        if not parent.empty:
            city, units = parent.iloc[0]["nom"], table[table["code"].isin(list(parent.iloc[0]["units"]))]
    units = units[["code", "nom", "classe"]].reset_index(drop=True)
    units = units.assign(zonage=[class_text(classe_of(c)) for c in units["classe"]])
    line = next(x for x in commune_lines(con, own_units, dep, who["region_code"], rank_among_units=bool(who["apl_unit"]))
                if x.profession.key == NURSE)
    return NurseFacts(code, who["nom"], dep, who["departement"], classes.get(code), city, units, line)


def units_display(units: pd.DataFrame) -> pd.DataFrame:
    """A city's arrondissements as the page lists them, French headers."""
    return units[["nom", "code", "zonage"]].rename(
        columns={"nom": "Arrondissement", "code": "Code INSEE", "zonage": "Zonage infirmiers"})


def apl_texts(line: ProfessionLine) -> dict[str, str]:
    """The nurses' APL of a commune beside its department's and France's means: the unit in each
    label (« …, ETP/100 000 hab. »), the figure alone as the value (a metric cuts a long value)."""
    p = line.profession
    values = {f"APL {line.year} de la commune": line.value, "Moyenne du département": line.departement_mean,
              "Moyenne nationale": line.france_mean}
    return {f"{label} ({p.unit_short})": ("pas d'APL publiée" if v is None else format_fr(v, p.decimals))
            for label, v in values.items()}


def apl_caption(line: ProfessionLine) -> str:
    return caption(line.profession, line.year)


def departement_export(con, dep: str) -> bytes:
    """The department's nurses' zonage as CSV (`export_csv_bytes`): every commune (arrondissement for
    Paris, Lyon, Marseille) with its class, what the class is called, its nurses' APL, and on each row
    the profession, vintage, unit and source of that APL and the source of the zonage (issue #17)."""
    p = PROFESSIONS[NURSE]
    rows = departement_classes(con, dep)
    apl = territory_values(con, p, "departement", dep).set_index("code")["apl"]
    out = pd.DataFrame({
        "code_insee": rows["code"],
        "commune": rows["nom"],
        "classe_zonage_infirmiers": rows["classe"].astype("Int64"),
        "zonage_infirmiers": [class_text(classe_of(c)) for c in rows["classe"]],
        "apl_infirmiers": rows["code"].map(apl),
    })
    out = out.assign(**provenance(p, str(latest_year(p))), source_zonage=SOURCE)
    return export_csv_bytes(out, {"apl_infirmiers": p.decimals})
