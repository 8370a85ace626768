"""What a doctor looks at before setting up practice in a commune (« S'installer »): its zonage
and the aids it opens, the maisons de santé within 20 minutes, its APL and its living area.
Plain pandas over the database, so it is tested without Streamlit."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.accessibility.times import haversine_km
from santecarte.core import db
from santecarte.core.numbers import format_fr, french_table, whole_minutes
from santecarte.core.professions import GP, PROFESSIONS, SOURCE
from santecarte.domain import zonage
from santecarte.domain.aids import Aid, aids_for, condition_text
from santecarte.domain.communes import commune_table
from santecarte.domain.professions import provenance
from santecarte.domain.travel import reachable
from santecarte.domain.travel_notice import times_notice

MSP_SOURCE = "FINESS (DREES), extraction du 8 janvier 2021 : les MSP et centres ouverts depuis n'y figurent pas"


def departement_table(con, departement: str, rows: pd.DataFrame | None = None,
                     private: pd.DataFrame | None = None) -> pd.DataFrame:
    """The department's communes with every indicator of the commune table and their zonage;
    `rows`: the department's `territory_communes` when already read (the page caches them);
    `private`: the visitor's own import not published (`zonage.private_import`), if any."""
    if rows is None:
        rows = db.query(con, "territory_communes", level="departement", code=departement)
    return zonage.with_zonage(commune_table(rows), con, private=private)


def qpv_zonage(con, code: str) -> pd.DataFrame:
    """QPV of the commune with their zonage (PACA only): qpv_code, qpv_nom, zonage, millesime, de_la_ville."""
    return db.query(con, "commune_qpv_zonage", code=code)


QPV_COLUMNS = {"qpv_nom": "Quartier", "qpv_code": "Code QPV", "zonage": "Zonage", "millesime": "Millésime"}
QPV_OF_THE_CITY = ("Les QPV sont publiés pour la ville entière : la source ne dit pas dans quel arrondissement ils se "
                   "trouvent.")


def qpv_display(qpv: pd.DataFrame) -> pd.DataFrame:
    """QPV rows (`qpv_zonage`) as the page shows them: quarter, code, zonage, vintage, French headers."""
    return french_table(qpv[list(QPV_COLUMNS)]).rename(columns=QPV_COLUMNS)


def qpv_notice(qpv: pd.DataFrame) -> str | None:
    """The caveat under an arrondissement's QPV, which are its city's (Marseille): None otherwise."""
    return QPV_OF_THE_CITY if qpv["de_la_ville"].any() else None


IMPORT_COLUMNS = {"source": "Source", "n_communes": "Communes", "imported_at": "Publié le"}


def imports_display(imports: pd.DataFrame) -> pd.DataFrame:
    """The published zonage imports (`userdata.zonage_imports`) as the page lists them: source,
    number of communes, publication date dd/mm/yyyy hh:mm, French headers."""
    shown = imports.assign(imported_at=pd.to_datetime(imports["imported_at"]).dt.strftime("%d/%m/%Y %H:%M"))
    return shown[list(IMPORT_COLUMNS)].rename(columns=IMPORT_COLUMNS)


def msp_within(con, code: str, near: pd.DataFrame | None = None) -> pd.DataFrame:
    """MSP and centres de santé of the GP layer within 20 minutes (engine's travel times), nearest
    first; `near`: `reachable(con, code)` when the caller has it already."""
    near = reachable(con, code) if near is None else near
    if near.empty:
        return pd.DataFrame(columns=["nom", "categorie", "commune", "minutes", "date_ouverture", "lon", "lat"])
    sites = db.query(con, "msp_gp_layer", codes=list(near["code"]))
    sites = sites.merge(near[["code", "minutes"]], left_on="commune_code", right_on="code")
    sites = sites.sort_values(["minutes", "nom"]).reset_index(drop=True)
    return sites.assign(minutes=whole_minutes(sites["minutes"]))


MSP_COLUMNS = {"nom": "Nom", "categorie": "Catégorie", "commune": "Commune", "minutes": "Minutes (estimées)",
               "date_ouverture": "Ouverture"}


def msp_display(msp: pd.DataFrame) -> pd.DataFrame:
    """MSP rows as the pages show them: French headers, whole minutes (« — » inside a city, where
    no time is computed), dates dd/mm/yyyy."""
    shown = msp.assign(date_ouverture=pd.to_datetime(msp["date_ouverture"]).dt.strftime("%d/%m/%Y"))
    return french_table(shown[list(MSP_COLUMNS)], {"minutes": 0}).rename(columns=MSP_COLUMNS)


def prefecture_distance(con, code: str) -> tuple[str, float] | None:
    """(prefecture name, crow-flight km from the commune's town hall to the prefecture's)."""
    rows = db.query(con, "commune_prefecture", code=code)
    if rows.empty:
        return None
    r = rows.iloc[0]
    return r["prefecture"], float(haversine_km(r["lon"], r["lat"], r["prefecture_lon"], r["prefecture_lat"]))


@dataclass(frozen=True)
class CommuneFacts:
    """One commune as the page shows it (card and comparison)."""

    row: pd.Series            # its row of departement_table
    qpv: pd.DataFrame
    msp: pd.DataFrame
    prefecture: tuple[str, float] | None
    times_notice: str         # which travel times the 20-minute list rests on (travel_notice)

    @property
    def has_zonage(self) -> bool:
        """An official or indicative zonage is known (none without an APL, e.g. Mayotte)."""
        return isinstance(self.row["zonage"], str)

    @property
    def indicative_zonage(self) -> bool:
        """The zonage shown is SantéCarte's indicative one, not the ARS's."""
        return self.has_zonage and self.row["zonage_statut"] == zonage.INDICATIVE

    def aids(self, situation: str, catalogue: list[Aid]) -> list[tuple[Aid, bool]]:
        return aids_for(situation, self.row["zonage"], catalogue)

    def aid_condition(self, certain: bool) -> str:
        """The condition written after an aid's amount (`aids.condition_text`)."""
        return condition_text(certain, self.row["zonage"] if self.indicative_zonage else None)


def commune_facts(con, table: pd.DataFrame, code: str) -> CommuneFacts | None:
    """Facts of `code`, a unit of `table` (departement_table); None when it is not there."""
    hit = table[table["code"] == code]
    if hit.empty:
        return None
    return CommuneFacts(hit.iloc[0], qpv_zonage(con, code), msp_within(con, code), prefecture_distance(con, code),
                        times_notice(con, [code]))


STATUT_TEXT = {zonage.INDICATIVE: "indicatif, non réglementaire", zonage.PRIVATE: zonage.PRIVATE}


def zonage_statut_text(row: pd.Series) -> str:
    """« officiel », « officiel (import ARS) », « votre import, non publié » (seen by its visitor
    only) or « indicatif, non réglementaire »."""
    return STATUT_TEXT.get(row["zonage_statut"], row["zonage_statut"])


def zonage_text(row: pd.Series) -> str:
    """« ZIP — officiel » / « ZIP — votre import, non publié » / « ZAC — indicatif, non
    réglementaire » / « hors zonage (HZ) — … » (the one acronym a mayor does not know) / no APL."""
    if row["zonage"] is None or pd.isna(row["zonage"]):
        return "aucun (pas d'APL publiée)"
    name = "hors zonage (HZ)" if row["zonage"] == "HZ" else row["zonage"]
    return f"{name} — {zonage_statut_text(row)}"


def comparison(facts: list[CommuneFacts]) -> pd.DataFrame:
    """The same indicators side by side, one column per commune (text, French formatting)."""
    columns = {}
    for f in facts:
        r = f.row
        evolution = r["evolution"]
        columns[f"{r['nom']} ({r['code']})"] = {
            "Zonage médecins": zonage_text(r),
            "APL 2023 (DREES)": format_fr(r["apl_2023"], 2),
            "APL 2022 (DREES)": format_fr(r["apl_2022"], 2),
            "Évolution 2022 → 2023": "—" if pd.isna(evolution) else ("+" if evolution > 0 else "") + format_fr(evolution, 2),
            "APL 2023, généralistes de 65 ans ou moins": format_fr(r["apl65_2023"], 2),
            "Population": format_fr(r["population"], 0),
            "Indice de besoin": format_fr(r["besoin"], 2),
            f"MSP et centres de santé à moins de {MAX_MINUTES_FR} min": str(len(f.msp)),
            "Bassin de vie": r["bassin_vie_nom"] if isinstance(r["bassin_vie_nom"], str) else "—",
            "EPCI": r["epci_nom"] if isinstance(r["epci_nom"], str) else "—",
            "Distance à la préfecture (à vol d'oiseau)":
                f"{format_fr(f.prefecture[1], 0)} km ({f.prefecture[0]})" if f.prefecture else "—",
        }
    return pd.DataFrame(columns)


ZONAGE_EXPORT = {"code": "code_insee", "nom": "commune", "zonage": "zonage", "zonage_statut": "statut",
                 "zonage_source": "source", "apl65_2023": "apl_moins65_2023"}


def zonage_export(table: pd.DataFrame) -> bytes:
    """The zonage of `table` as CSV (UTF-8 with BOM, `;`), each row saying whether it is official
    or indicative and not regulatory, and where it comes from."""
    out = table[list(ZONAGE_EXPORT)].rename(columns=ZONAGE_EXPORT)
    out["statut"] = out["statut"].replace({zonage.INDICATIVE: "indicatif, non réglementaire"})
    gp = PROFESSIONS[GP]
    out = out.assign(**provenance(gp, "2023", f"{SOURCE} (généralistes de 65 ans et moins, entrée du zonage indicatif)"))
    return out.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
