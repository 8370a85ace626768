"""CPTS perimeters (PACA list of the ARS; partial seeds elsewhere), the doctors' zonage (PACA) and the
nurses' conventional zonage (all France)."""
from __future__ import annotations

import pandas as pd

from santecarte.pipeline.readers import expect, read_csv, read_json


def load_cpts() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two tables: `cpts` (one row per CPTS) and `cpts_communes` (membership).

    Marseille (13055) is listed by arrondissement: membership is stored at the arrondissement
    level (132xx), the APL's own level. Nice and Toulon are split between several CPTS without
    a sub-communal key: each membership row says `partage_infracommunal`.
    """
    props = read_json("cpts_paca", 0)
    expect(isinstance(props, list) and all("nom" in p and "communes" in p for p in props), "cpts_paca", 0,
           "liste d'objets {nom, communes, …} attendue")
    cpts_rows, members = [], []
    for i, p in enumerate(props, start=1):
        cid = f"PACA-{i:02d}"
        cpts_rows.append({"cpts_id": cid, "nom": p["nom"].strip(), "region_code": "93", "site": p.get("site") or None,
                          "source": "ARS PACA, liste de janvier 2026", "perimetre": "complet"})
        infra = bool(p.get("infra"))
        for code in p["communes"]:
            arms = p.get("arrondissements") if code == "13055" else None
            for member in arms or [code]:
                members.append({"cpts_id": cid, "commune_code": member, "partage_infracommunal": infra,
                                "precision": None})
    seeds = read_csv("cpts_seeds", 0, ["cpts_nom", "commune_insee", "source_url", "evidence"])
    for j, (name, grp) in enumerate(seeds.groupby("cpts_nom", sort=True), start=1):
        cid = f"SEED-{j:02d}"
        partial = grp["evidence"].str.contains("PARTIEL", na=False).any()
        cpts_rows.append({"cpts_id": cid, "nom": name, "region_code": None, "site": None,
                          "source": "; ".join(sorted(grp["source_url"].dropna().unique())),
                          "perimetre": "partiel" if partial else "complet"})
        for code, evidence in zip(grp["commune_insee"], grp["evidence"]):
            members.append({"cpts_id": cid, "commune_code": code, "partage_infracommunal": False,
                            "precision": evidence})
    return pd.DataFrame(cpts_rows), pd.DataFrame(members).drop_duplicates(["cpts_id", "commune_code"])


def load_zonage() -> tuple[pd.DataFrame, pd.DataFrame]:
    """`zonage_communes` (PACA: ZIP or not, per commune) and `zonage_qpv` (ZIP/ZAC per QPV)."""
    com = read_csv("zonage_paca", 0, ["c", "z"])
    expect(com["z"].isin(["0", "1"]).all(), "zonage_paca", 0, "colonne z attendue en 0/1")
    communes = pd.DataFrame({
        "commune_code": com["c"], "zonage": com["z"].map({"1": "ZIP", "0": "non ZIP"}),
        "source": "ARS PACA via CartoSanté (zonage médecins généralistes)", "millesime": "2025",
    })
    qpv = read_json("zonage_paca", 1)
    expect(isinstance(qpv, dict) and "communes" in qpv, "zonage_paca", 1, "clé « communes » absente")
    rows = [{"qpv_code": q["id"], "qpv_nom": q["n"], "commune_code": code, "zonage": q["z"],
             "millesime": qpv.get("millesime")}
            for code, c in qpv["communes"].items() for q in c["qpv"]]
    return communes, pd.DataFrame(rows)


NURSE_CLASSES = {"1_Tres_sous_dotee": 1, "2_Sous_dotee": 2, "3_intermediaire": 3, "4_Tres_dotee": 4, "5_Sur_dotee": 5}


def load_nurse_zonage() -> pd.DataFrame:
    """`code, classe` (1 très sous-dotée … 5 sur-dotée) from the CartoSanté export: UTF-8 with BOM,
    « ; », two title lines before the header; « N/A » rows (Saint-Barthélemy, Saint-Martin) and
    trailing lines without a code are left out: no class is known there."""
    raw = read_csv("zonage_infirmiers", 0, ["Code", "Zonage infirmiers"], sep=";", skiprows=2,
                   encoding="utf-8-sig")
    raw["Code"] = raw["Code"].str.strip()
    raw = raw[raw["Code"].str.fullmatch(r"[0-9][0-9AB][0-9]{3}", na=False)]
    classes = raw["Zonage infirmiers"].str.strip().map(NURSE_CLASSES)
    unknown = raw.loc[classes.isna(), "Zonage infirmiers"].str.strip()
    expect(unknown.str.startswith("N/A").all(), "zonage_infirmiers", 0,
           f"classes inconnues : {sorted(set(unknown) - {v for v in unknown if v.startswith('N/A')})}")
    expect(len(raw) > 34000, "zonage_infirmiers", 0, f"seulement {len(raw)} communes")
    return pd.DataFrame({"code": raw["Code"], "classe": classes}).dropna().astype({"classe": int})
