"""Supply side: GP practice sites (RPPS), GP counts per department, MSP and centres de santé."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd

from santecarte.core.codes import normalize_commune_code
from santecarte.core.names import search_key
from santecarte.pipeline.msp import gp_layer_exclusion
from santecarte.pipeline.readers import RawDataError, expect, optional_file, read_csv
from santecarte.pipeline.sources import dataset

GP_SAVOIR_FAIRE = {"SM26", "SM53", "SM54"}
"""RPPS savoir-faire of general practice: SM26 « Qualifié en médecine générale », SM53
« Spécialiste en médecine générale », SM54 « Médecine générale » (ANS nomenclature)."""
GP_SECTEURS = {"SA05", "SA07", "SA08", "SA52"}
"""Centre de santé, cabinet individuel, cabinet de groupe, SA52: the selection of the IdF
snapshot, close to the DREES APL field (libéraux + GPs salaried in centres de santé)."""

GP_SITE_COLUMNS = ["source", "identifiant", "commune_code", "lon", "lat", "savoir_faire", "secteur", "mode_exercice"]


def load_gp_sites_idf() -> pd.DataFrame:
    df = read_csv("rpps_idf", 0, ["latitude", "longitude", "result_citycode"])
    codes = df["result_citycode"].map(normalize_commune_code)
    expect(codes.notna().all(), "rpps_idf", 0, "codes commune invalides dans result_citycode")
    return pd.DataFrame({
        "source": "rpps_idf_202308", "identifiant": None, "commune_code": codes,
        "lon": pd.to_numeric(df["longitude"]), "lat": pd.to_numeric(df["latitude"]),
        "savoir_faire": None, "secteur": None, "mode_exercice": None,
    })[GP_SITE_COLUMNS]


RPPS_COLUMNS = {
    "Identifiant PP": "identifiant",
    "Code profession": "profession",
    "Code savoir-faire": "savoir_faire",
    "Code mode exercice": "mode_exercice",
    "Code secteur d'activité": "secteur",
    "Code postal (coord. structure)": "code_postal",
    "Code commune (coord. structure)": "commune_code",
    "Libellé commune (coord. structure)": "libelle_commune",
}


@dataclass
class RppsStats:
    rows_read: int = 0
    gp_activities: int = 0
    placed_by_code: int = 0
    placed_by_postcode: int = 0
    unplaced: int = 0

    def line(self) -> str:
        return (f"RPPS national : {self.rows_read} activités lues, {self.gp_activities} de médecine générale "
                f"en cabinet ou centre de santé ; {self.placed_by_code} placées par le code commune, "
                f"{self.placed_by_postcode} par code postal + libellé ; {self.unplaced} non placées")


def parse_rpps_activites(source: str | Path | IO[str], places: pd.DataFrame,
                         chunksize: int = 200_000) -> tuple[pd.DataFrame, RppsStats]:
    """Read the official « PS_LibreAcces_Personne_activite » extraction (pipe-separated, header
    row, trailing `|`), keep GP practice activities, and place each in a commune.

    `places` has `code_postal`, `commune_code`, `nom_search`, `kind`, `parent_code`. The commune
    code of the structure is often empty: then the postal code with the commune label decide;
    in Paris, Lyon and Marseille the postal code gives the arrondissement (the APL's level).
    Columns are read by name: newer extractions add columns at the end. Names are never kept.
    """
    stats = RppsStats()
    frames = []
    reader = pd.read_csv(source, sep="|", dtype=str, keep_default_na=False, usecols=lambda c: c in RPPS_COLUMNS,
                         chunksize=chunksize, encoding="utf-8", quoting=3)
    by_postcode = places.groupby("code_postal")
    for chunk in reader:
        missing = set(RPPS_COLUMNS) - set(chunk.columns)
        if missing:
            raise ValueError(f"colonnes attendues absentes : {', '.join(sorted(missing))}")
        chunk = chunk.rename(columns=RPPS_COLUMNS)
        stats.rows_read += len(chunk)
        gp = chunk[chunk["profession"].eq("10") & chunk["savoir_faire"].isin(GP_SAVOIR_FAIRE)
                   & chunk["secteur"].isin(GP_SECTEURS)].copy()
        stats.gp_activities += len(gp)
        gp["placed"] = [_place(c, cp, lib, by_postcode) for c, cp, lib in
                        zip(gp["commune_code"], gp["code_postal"], gp["libelle_commune"])]
        frames.append(gp)
    gp = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*RPPS_COLUMNS.values(), "placed"])
    by_code = gp["placed"].map(lambda p: p is not None and p[1] == "code")
    by_cp = gp["placed"].map(lambda p: p is not None and p[1] == "postal")
    stats.placed_by_code, stats.placed_by_postcode = int(by_code.sum()), int(by_cp.sum())
    stats.unplaced = int(len(gp) - stats.placed_by_code - stats.placed_by_postcode)
    gp = gp[by_code | by_cp]
    out = pd.DataFrame({
        "source": "rpps_national", "identifiant": gp["identifiant"].values,
        "commune_code": gp["placed"].map(lambda p: p[0]).values, "lon": None, "lat": None,
        "savoir_faire": gp["savoir_faire"].values, "secteur": gp["secteur"].values,
        "mode_exercice": gp["mode_exercice"].values,
    })
    return out[GP_SITE_COLUMNS], stats


def _place(code: str, postcode: str, label: str, by_postcode) -> tuple[str, str] | None:
    """(commune code, how it was found) or None when the activity cannot be placed."""
    code = normalize_commune_code(code)
    postcode = (postcode or "").strip()
    candidates = by_postcode.get_group(postcode) if postcode in by_postcode.groups else None
    if code:
        # A Paris/Lyon/Marseille city code: its arrondissement is the one of the postal code.
        arm = candidates[candidates["parent_code"].eq(code)] if candidates is not None else ()
        return (arm["commune_code"].iloc[0] if len(arm) == 1 else code), "code"
    if candidates is None:
        return None
    if len(candidates) == 1:
        return candidates["commune_code"].iloc[0], "postal"
    named = candidates[candidates["nom_search"].eq(search_key(label or ""))]
    return (named["commune_code"].iloc[0], "postal") if len(named) == 1 else None


def load_gp_sites_national(places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The national RPPS extraction, when a user has put it in the raw folder (optional)."""
    ds = dataset("rpps_national")
    path = optional_file("rpps_national")
    if path is None:
        return pd.DataFrame(columns=GP_SITE_COLUMNS), [
            f"RPPS national : fichier absent ({ds.files[0].path}), seuls les lieux d'exercice d'Île-de-France sont chargés"]
    try:
        sites, stats = parse_rpps_activites(path, places)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise RawDataError(ds, path, f"illisible ({exc})") from exc
    return sites, [stats.line()]


def _read_statlocales(key: str, required: list[str]) -> pd.DataFrame:
    # Exports of INSEE Statistiques locales / CartoSanté: UTF-8 with BOM, `;`, 2 title lines.
    return read_csv(key, 0, required, sep=";", skiprows=2, encoding="utf-8-sig")


def load_gp_departement() -> pd.DataFrame:
    rpps = read_csv("rpps_departements", 0, ["dpt", "code_savoir_faire", "eff"])
    rpps = rpps[rpps["code_savoir_faire"].isin(GP_SAVOIR_FAIRE) & ~rpps["dpt"].isin(["00"])]
    rpps = (rpps.assign(eff=pd.to_numeric(rpps["eff"])).groupby("dpt", as_index=False)["eff"].sum()
            .rename(columns={"dpt": "departement_code", "eff": "n_generalistes"}))
    rpps["source"] = "RPPS avril 2025 (SM26+SM53+SM54, tous modes d'exercice)"
    col = "Médecin généraliste (en nombre) 2024"
    bpe = _read_statlocales("bpe_departements", ["Code", col])
    bpe = pd.DataFrame({"departement_code": bpe["Code"].str.strip(),
                        "n_generalistes": pd.to_numeric(bpe[col], errors="coerce"),
                        "source": "BPE 2024 (médecins généralistes libéraux)"}).dropna(subset=["n_generalistes"])
    out = pd.concat([rpps, bpe], ignore_index=True)
    out["n_generalistes"] = out["n_generalistes"].astype(int)
    return out


def load_msp() -> pd.DataFrame:
    df = read_csv("finess_msp", 0, ["nofinesset", "raison_sociale", "categetab", "latitude", "longitude",
                                     "code_commune_insee_derive", "code_arrondissement_plm_derive", "date_ouverture"])
    return pd.DataFrame({
        "finess": df["nofinesset"],
        "nom": df["raison_sociale"],
        "categorie": df["categetab"].map({"603": "Maison de santé", "124": "Centre de santé"}),
        "commune_code": df["code_arrondissement_plm_derive"].fillna(df["code_commune_insee_derive"]),
        "lon": pd.to_numeric(df["longitude"]), "lat": pd.to_numeric(df["latitude"]),
        "date_ouverture": pd.to_datetime(df["date_ouverture"], errors="coerce").dt.date,
    }).assign(motif_exclusion=lambda d: [gp_layer_exclusion(n, c) for n, c in zip(d["nom"], d["categorie"])])
