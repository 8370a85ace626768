"""Integration: facts a person can check, on the database built from the real snapshots."""
import csv
import gzip
import json
import lzma

import pandas as pd
import pytest

GP_ALL = "profession = 'medecin_generaliste' AND scope = 'tous'"


def scalar(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


def test_current_cog_communes_and_arrondissements(con):
    assert scalar(con, "SELECT count(*) FROM communes WHERE kind = 'COM'") == 34875
    assert scalar(con, "SELECT count(*) FROM communes WHERE kind = 'ARM'") == 45
    assert scalar(con, "SELECT count(*) FROM communes WHERE kind = 'ARM' AND parent_code = '13055'") == 16
    # codes are text with their leading zeros and Corsican letters
    assert scalar(con, "SELECT nom FROM communes WHERE code = '01001'") == "L'Abergement-Clémenciat"
    assert scalar(con, "SELECT departement_code FROM communes WHERE code = '2A004'") == "2A"


def test_population_is_etalab_legal_population(con, raw):
    with lzma.open(raw / "communes/decoupage-administratif/communes.json.xz", "rt", encoding="utf-8") as fh:
        etalab = {c["code"]: c for c in json.load(fh) if c["type"] == "commune-actuelle"}
    assert etalab["85018"]["population"] == 4035
    assert scalar(con, "SELECT population FROM communes WHERE code = '85018'") == 4035
    assert scalar(con, "SELECT population FROM communes WHERE code = '75056'") == etalab["75056"]["population"]


def _raw_apl(raw, year):
    with gzip.open(raw / "apl/apl_mg_communes_2022_2023_long.csv.gz", "rt", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["annee"] == str(year)]


@pytest.mark.parametrize("year, published", [(2022, 3.789), (2023, 3.745)])
def test_national_mean_apl_equals_raw_file(con, raw, year, published):
    """DREES rule: mean weighted by standardised population; recomputed from the tidy copy of
    the DREES sheets, an independent path from the workbook the build reads."""
    rows = _raw_apl(raw, year)
    expected = (sum(float(r["apl_mg"]) * float(r["pop_standardisee"]) for r in rows)
                / sum(float(r["pop_standardisee"]) for r in rows))
    got = scalar(con, "SELECT sum(apl * pop_std) / sum(pop_std) FROM apl WHERE year = ? AND " + GP_ALL, year)
    assert got == pytest.approx(expected, rel=1e-9)
    assert round(got, 3) == published


def test_apl_2023_national_mean_is_3_7446(con):
    assert round(scalar(con, "SELECT sum(apl * pop_std) / sum(pop_std) FROM apl WHERE year = 2023 AND " + GP_ALL), 4) == 3.7446


# Issue #17: the weighted national means of the DREES 2021 files (their SOURCE.md), after the COG mapping.
@pytest.mark.parametrize("profession, scope, published", [
    ("medecin_generaliste", "tous", 3.811), ("medecin_generaliste", "moins65", 3.369),
    ("infirmier", "moins65", 156.07), ("masseur_kinesitherapeute", "moins65", 111.58),
    ("sage_femme", "tous", 19.72), ("chirurgien_dentiste", "moins65", 59.00)])
def test_2021_national_means_of_the_five_professions(con, raw, profession, scope, published):
    got = scalar(con, "SELECT sum(apl * pop_std) / sum(pop_std) FROM apl WHERE year = 2021 AND profession = ? "
                      "AND scope = ?", profession, scope)
    file = {"medecin_generaliste": "mg", "infirmier": "inf", "masseur_kinesitherapeute": "mk", "sage_femme": "sf",
             "chirurgien_dentiste": "cd"}[profession]
    sheet = pd.read_excel(raw / f"apl/2021_professions/APL_{file}_2021.xlsx", engine="calamine")
    column = 4 if scope == "moins65" and profession == "medecin_generaliste" else 3
    rows = sheet.dropna(subset=[sheet.columns[column]])
    expected = (rows.iloc[:, column] * rows.iloc[:, -1]).sum() / rows.iloc[:, -1].sum()
    assert got == pytest.approx(expected, rel=1e-9)
    assert round(got, 3 if published < 10 else 2) == published


def test_one_gp_series_2021_to_2023_and_no_apl_for_mayotte(con):
    rows = con.execute("SELECT year, apl FROM apl WHERE code = '85018' AND " + GP_ALL + " ORDER BY year").fetchall()
    assert rows == [(2021, 3.678), (2022, 3.311), (2023, 3.13)]
    assert scalar(con, "SELECT count(*) FROM apl WHERE code LIKE '976%' OR code = '55039'") == 0


def test_nurses_zonage_in_five_classes_as_published(con):
    counts = dict(con.execute("SELECT classe, count(*) FROM zonage_infirmiers GROUP BY classe").fetchall())
    assert counts == {1: 1400, 2: 4257, 3: 15676, 4: 8792, 5: 4792}
    assert scalar(con, "SELECT count(*) FROM zonage_infirmiers WHERE code IN ('97701', '97801')") == 0


def test_apl_only_on_current_units_and_plm_by_arrondissement(con):
    assert scalar(con, "SELECT count(*) FROM apl a LEFT JOIN communes c USING (code) "
                       "WHERE c.code IS NULL OR NOT c.apl_unit") == 0
    assert scalar(con, "SELECT count(*) FROM apl WHERE code IN ('75056', '69123', '13055')") == 0
    assert scalar(con, "SELECT count(*) FROM apl WHERE year = 2023 AND " + GP_ALL + " "
                       "AND code BETWEEN '75101' AND '75120'") == 20
    assert scalar(con, "SELECT count(*) FROM apl WHERE code LIKE '976%'") == 0  # Mayotte: not published


def test_merged_commune_gets_its_former_communes_apl(con, raw):
    # Orée d'Anjou took the new code 49126 on 1 January 2025; the DREES published it as 49069.
    assert scalar(con, "SELECT source_codes FROM apl_generalistes WHERE code = '49126' AND year = 2023") == "49069"
    # 01330 merged into 01187 after the COG of the APL sheets: both rows make one commune.
    sources, n = con.execute("SELECT source_codes, n_source_rows FROM apl "
                                   "WHERE code = '01187' AND year = 2023 AND scope = 'tous'").fetchone()
    assert (sources, n) == ("01187,01330", 2)
    # population totals are preserved by the mapping
    assert scalar(con, "SELECT sum(pop_totale) FROM apl_generalistes WHERE year = 2023") == pytest.approx(
        sum(float(r["pop_totale"]) for r in _raw_apl(raw, 2023)))


def test_gp_sites_in_a_department_match_raw_count(con, raw):
    with gzip.open(raw / "doctors/rpps_202308_gp_idf_adresses_geocodees_ban.csv.gz", "rt", encoding="utf-8") as fh:
        raw_93 = sum(1 for r in csv.DictReader(fh) if r["result_citycode"].startswith("93"))
    assert raw_93 == 1414
    assert scalar(con, "SELECT count(*) FROM gp_sites g JOIN communes c ON c.code = g.commune_code "
                       "WHERE c.departement_code = '93'") == raw_93


def test_cpts_paca_and_marseille_by_arrondissement(con):
    assert scalar(con, "SELECT count(*) FROM cpts WHERE region_code = '93'") == 70
    covered = {r[0] for r in con.execute("SELECT DISTINCT commune_code FROM cpts_communes WHERE commune_code LIKE '132%'").fetchall()}
    assert covered == {f"132{i:02d}" for i in range(2, 17)}
    assert scalar(con, "SELECT count(DISTINCT cpts_id) FROM cpts_communes WHERE commune_code = '06088'") == 3
    assert scalar(con, "SELECT bool_and(partage_infracommunal) FROM cpts_communes WHERE commune_code = '06088'")


def test_zonage_paca(con, raw):
    with open(raw / "zonage/zonage-medecins-communes-paca.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    current = {r[0] for r in con.execute("SELECT code FROM communes").fetchall()}
    expected_zip = sum(1 for r in rows if r["z"] == "1" and r["c"] in current)
    assert scalar(con, "SELECT count(*) FROM zonage_communes WHERE zonage = 'ZIP'") == expected_zip
    assert scalar(con, "SELECT count(*) FROM zonage_communes") == 946  # every current PACA commune
    assert scalar(con, "SELECT count(DISTINCT qpv_code) FROM zonage_qpv") == 135


def test_departments_regions_postal_codes(con):
    assert scalar(con, "SELECT count(*) FROM departements") == 101
    assert scalar(con, "SELECT count(*) FROM regions") == 18
    assert scalar(con, "SELECT count(*) FROM departements WHERE geom IS NULL") == 0
    codes = {r[0] for r in con.execute("SELECT commune_code FROM codes_postaux WHERE code_postal = '85230'").fetchall()}
    assert "85018" in codes
    paris16 = {r[0] for r in con.execute("SELECT commune_code FROM codes_postaux WHERE code_postal = '75116'").fetchall()}
    assert paris16 == {"75056", "75116"}


def test_gp_counts_per_department(con, raw):
    with open(raw / "doctors/rpps_202504_medecins_par_dep_savoirfaire.csv", encoding="utf-8") as fh:
        total = sum(int(r["eff"]) for r in csv.DictReader(fh)
                    if r["code_savoir_faire"] in {"SM26", "SM53", "SM54"} and r["dpt"] != "00")
    assert scalar(con, "SELECT sum(n_generalistes) FROM gp_departement WHERE source LIKE 'RPPS%'") == total
    assert scalar(con, "SELECT sum(n_generalistes) FROM gp_departement WHERE source LIKE 'BPE%'") == 60573


def test_build_log_says_what_was_mapped_and_dropped(con):
    log = "\n".join(r[0] for r in con.execute("SELECT message FROM build_log").fetchall())
    assert "81 lignes d'anciens codes fusionnées" in log      # APL 2022 on COG 2023
    assert "68 lignes d'anciens codes fusionnées" in log      # APL 2023 on COG 2024
    assert "93059→93066" in log                               # Pierrefitte-sur-Seine merged into Saint-Denis
    assert scalar(con, "SELECT count(*) FROM sources WHERE present AND sha256 <> sha256_expected") == 0
