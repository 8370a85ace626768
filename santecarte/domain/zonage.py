"""The doctors' zonage of every commune: official where a source has it, imported by an ARS
officer, else indicative from the APL — always said which.

Categories (arrêté du 13 novembre 2017 relatif à la méthodologie applicable à la profession de
médecin, modified; art. L. 1434-4 CSP): ZIP « zones d'intervention prioritaire » and ZAC
« zones d'action complémentaire » are the zones « caractérisées par une offre de soins
insuffisante ou par des difficultés dans l'accès aux soins » that open the aids; some ARS add
ZV « zones de vigilance »; the rest is HZ « hors zonage ».

Precedence per commune: the visitor's own import not published (kept in their session only,
« votre import, non publié »), then the latest import published by an editor, then the official
snapshot (PACA: ZIP or not per commune), then the indicative zonage. Only an editor publishes an
import (seen by every visitor) or removes one, and both are logged (`userdata.audit_log`).

Indicative zonage (not regulatory): the national method works on « territoires de vie-santé »,
which the open data lacks, so it is computed **per commune** from the DREES APL to GPs aged 65
or less, 2023. The arrêté makes every zone with that APL under 2.5 a ZIP (« zones A », national
selection); between 2.5 and 4 the ARS chooses ZIP or ZAC, shown here as ZAC; 4 and more, HZ.
"""
from __future__ import annotations

import hashlib

import pandas as pd

from santecarte.core import db
from santecarte.core.files import SHOWN, UploadError, check_size, lines, read_csv_bytes
from santecarte.core.names import search_key
from santecarte.domain import userdata
from santecarte.domain.auth import Editor
from santecarte.domain.indicators import FRAGILE, SOUS_DENSE, SOUS_DENSE_FR
from santecarte.domain.uploads import CODE_COLUMNS, apl_unit_resolver, unknown_codes_note

CATEGORIES = {
    "ZIP": ("Zone d'intervention prioritaire (ZIP)", "#f28e2b"),
    "ZAC": ("Zone d'action complémentaire (ZAC)", "#4e79a7"),
    "ZV": ("Zone de vigilance (ZV)", "#59a14f"),
    "HZ": ("Hors zonage", "#ffffff"),
    "non ZIP": ("Hors ZIP — ZAC ou hors zonage, la source ne le précise pas", "#d9d9d9"),
}
"""Assurance Maladie colours: ZIP orange, ZAC blue, ZV green, outside white."""

OFFICIAL, IMPORTED, INDICATIVE = "officiel", "officiel (import ARS)", "indicatif"
PRIVATE = "votre import, non publié"
PRIVATE_COLUMNS = ["commune_code", "zonage", "source"]
INDICATIVE_SOURCE = ("Zonage indicatif SantéCarte, non réglementaire : APL 2023 de la commune aux généralistes de "
                     f"65 ans ou moins (DREES) ; moins de {SOUS_DENSE_FR} → ZIP, de {SOUS_DENSE_FR} à 4 → ZAC, 4 et plus "
                     "→ hors zonage")

_VALUES = {"zip": "ZIP", "zac": "ZAC", "zv": "ZV", "hz": "HZ", "hors zonage": "HZ", "hors zone": "HZ",
           "zone d intervention prioritaire": "ZIP", "zone d action complementaire": "ZAC",
           "zone de vigilance": "ZV"}
ZONAGE_COLUMNS = ("zonage", "zone", "zonage_medecins", "classement", "qualification", "categorie")


def indicative(apl65: float | None) -> str | None:
    """Indicative category from the commune's APL (GPs aged 65 or less); None without APL."""
    if apl65 is None or pd.isna(apl65):
        return None
    return "ZIP" if apl65 < SOUS_DENSE else "ZAC" if apl65 < FRAGILE else "HZ"


def with_zonage(table: pd.DataFrame, con, private: pd.DataFrame | None = None) -> pd.DataFrame:
    """`table` (code, apl65_2023, …) with zonage, zonage_statut and zonage_source added;
    `private`: the visitor's own import not published (`private_import`), seen by them only."""
    official = db.query(con, "zonage_official", codes=list(table["code"])).set_index("code")
    imported = userdata.imported_zonage().set_index("commune_code")
    mine = (pd.DataFrame(columns=PRIVATE_COLUMNS) if private is None else private).set_index("commune_code")
    out = table.copy()
    out["zonage"] = out["apl65_2023"].map(indicative)
    out["zonage_statut"] = INDICATIVE
    out["zonage_source"] = INDICATIVE_SOURCE
    for rows, statut in ((official, OFFICIAL), (imported, IMPORTED), (mine, PRIVATE)):
        hit = out["code"].isin(rows.index)
        out.loc[hit, "zonage"] = out.loc[hit, "code"].map(rows["zonage"])
        out.loc[hit, "zonage_statut"] = statut
        out.loc[hit, "zonage_source"] = out.loc[hit, "code"].map(rows["source"])
    out.loc[out["zonage"].isna(), "zonage_source"] = "pas d'APL publiée : zonage indicatif impossible"
    return out


def read_import(con, data: bytes) -> tuple[pd.DataFrame, list[str]]:
    """An official zonage file (CSV: commune code, zonage ZIP/ZAC/ZV/HZ) checked whole:
    (rows commune_code, zonage at the APL level; French notes). Any unknown code, unknown
    category or commune given two categories refuses the file (UploadError), so a bad file never
    replaces a zonage in place."""
    check_size(data)
    table = read_csv_bytes(data)
    columns = {search_key(str(c)).replace(" ", "_"): c for c in table.columns}
    code_col = next((columns[c.replace(" ", "_")] for c in CODE_COLUMNS if c.replace(" ", "_") in columns), None)
    zone_col = next((columns[c] for c in ZONAGE_COLUMNS if c in columns), None)
    if code_col is None or zone_col is None:
        raise UploadError("Colonnes attendues : « code » (code INSEE de la commune) et « zonage » (ZIP, ZAC, ZV ou HZ). "
                          f"Colonnes trouvées : {', '.join(str(c)[:30] for c in table.columns[:8]) or 'aucune'}.")
    if table.empty:
        raise UploadError("Le fichier n'a aucune ligne de données.")
    resolve_code = apl_unit_resolver(con)
    rows, notes, bad_codes, bad_values = [], [], [], []
    for pos, (raw_code, raw_zone) in enumerate(zip(table[code_col], table[zone_col])):
        zone = _VALUES.get(search_key(str(raw_zone)))
        codes, note = resolve_code(raw_code)
        if not codes:
            bad_codes.append((pos, str(raw_code).strip()[:20]))
        if zone is None:
            bad_values.append((pos, str(raw_zone).strip()[:20]))
        if note:
            notes.append(f"ligne {pos + 2} : {note}")
        rows += [(code, zone, pos) for code in codes if zone]
    problems = []
    if bad_codes:
        problems.append(unknown_codes_note(bad_codes, 2))
    if bad_values:
        sample = ", ".join(f"« {v} »" for _, v in bad_values[:SHOWN])
        problems.append(f"{len(bad_values)} zonage(s) non reconnu(s) — {lines([p for p, _ in bad_values])} : {sample} "
                        "(attendu : ZIP, ZAC, ZV ou HZ)")
    out = pd.DataFrame(rows, columns=["commune_code", "zonage", "pos"])
    conflicts = out.groupby("commune_code").filter(lambda g: g["zonage"].nunique() > 1)
    if len(conflicts):
        shown = ", ".join(sorted(conflicts["commune_code"].unique())[:SHOWN])
        problems.append(f"{conflicts['commune_code'].nunique()} commune(s) avec deux zonages différents : {shown}")
    if problems:
        raise UploadError(" ; ".join(problems) + ".")
    out = out.drop_duplicates("commune_code")[["commune_code", "zonage"]].reset_index(drop=True)
    return out, notes


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_text(source: str, file_name: str) -> str:
    """The source as shown: what the user wrote (an arrêté, a date), else the file's name."""
    return str(source).strip()[:200] or f"Zonage importé ({str(file_name)[:60]})"


def private_import(rows: pd.DataFrame, source: str, file_name: str) -> pd.DataFrame:
    """A checked import kept for its visitor only (the page holds it in the session, never in
    user.duckdb): commune_code, zonage, source — for `with_zonage(…, private=…)`."""
    out = rows[["commune_code", "zonage"]].copy()
    out["source"] = f"{source_text(source, file_name)} — {PRIVATE}"
    return out.reset_index(drop=True)


def save_import(rows: pd.DataFrame, source: str, editor: Editor, file_name: str, data: bytes) -> str:
    """Publish a checked import, seen by every visitor from now on, and log it (the editor, the
    file's name and the SHA-256 of its bytes, the communes); returns its identifier."""
    if not isinstance(editor, Editor):
        raise PermissionError("Publier un zonage vu par tous demande un compte éditeur.")
    return userdata.save_zonage(rows, source_text(source, file_name), editor.label, str(file_name)[:200],
                                sha256(data))


def remove_import(import_id: str, editor: Editor) -> None:
    """Remove a published import (every visitor stops seeing it) and log it."""
    if not isinstance(editor, Editor):
        raise PermissionError("Retirer un zonage vu par tous demande un compte éditeur.")
    userdata.delete_zonage_import(import_id, editor.label)
