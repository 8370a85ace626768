"""« S'installer »: the aids catalogue and its filter, the centres de santé rule, the zonage
(official, indicative, published by an editor and logged, or private to a visitor), the commune
search and a commune's facts."""
import datetime as dt
import hashlib

import pandas as pd
import pytest

from santecarte.core.files import UploadError
from santecarte.domain import installation, userdata, zonage
from santecarte.domain.aids import PROFILES, ZONAGES, aids_for, load_catalogue
from santecarte.domain.auth import Editor
from santecarte.domain.search import normalise, search
from santecarte.domain.travel import reachable
from santecarte.pipeline.msp import gp_layer_exclusion

HAND_CATALOGUE = """id,nom,profils,zonages,montant,conditions,financeur,texte,citation,url,verifie_le
zip_only,Aide ZIP,installation,ZIP,10 €,c,f,t,« x »,https://example.org/a,2026-11-29
zip_zac,Aide ZIP et ZAC,installation|remplacant,ZIP|ZAC,5 €,c,f,t,« y »,https://example.org/b,2026-11-29
"""


@pytest.fixture()
def hand_catalogue(tmp_path):
    path = tmp_path / "aides.csv"
    path.write_text(HAND_CATALOGUE, encoding="utf-8")
    return load_catalogue(path)


def ids(found):
    return [(aid.id, certain) for aid, certain in found]


def test_aid_reserved_to_zip_is_absent_in_zv_and_zac(hand_catalogue):
    assert ids(aids_for("installation", "ZIP", hand_catalogue)) == [("zip_only", True), ("zip_zac", True)]
    assert ids(aids_for("installation", "ZAC", hand_catalogue)) == [("zip_zac", True)]
    assert ids(aids_for("installation", "ZV", hand_catalogue)) == []
    assert ids(aids_for("installation", None, hand_catalogue)) == []
    assert ids(aids_for("etudiant", "ZIP", hand_catalogue)) == []


def test_non_zip_keeps_zac_aids_marked_uncertain(hand_catalogue):
    assert ids(aids_for("remplacant", "non ZIP", hand_catalogue)) == [("zip_zac", False)]


def test_catalogue_rejects_an_unknown_profile(tmp_path):
    path = tmp_path / "aides.csv"
    path.write_text(HAND_CATALOGUE.replace("installation|remplacant", "interne"), encoding="utf-8")
    with pytest.raises(ValueError, match="zip_zac"):
        load_catalogue(path)


def test_real_catalogue_cites_every_aid_and_filters_by_zonage():
    catalogue = load_catalogue()
    assert len(catalogue) == 8
    for aid in catalogue:
        assert aid.url.startswith("https://") and len(aid.citation) > 30 and aid.texte
        assert dt.date(2026, 1, 1) <= aid.verifie_le <= dt.date.today()
    assert {a.id for a, _ in aids_for("installation", "ZIP", catalogue)} >= {"primo_installation_zip"}
    for profile in PROFILES:
        for z in ("ZV", "HZ"):
            assert aids_for(profile, z, catalogue) == [], (profile, z)
        in_zac = {a.id for a, _ in aids_for(profile, "ZAC", catalogue)}
        assert not any(a.zonages == ("ZIP",) and a.id in in_zac for a in catalogue)
    assert {a.id for a, _ in aids_for("etudiant", "ZAC", catalogue)} == {"cesp"}
    assert set(ZONAGES) >= {z for a in catalogue for z in a.zonages}


PRIMO = {"primo_installation_zip", "fmt_primo_installes_zip"}
EXPECTED_AIDS = {  # profile → zonage → the catalogue's aids it can claim there, written out one by one
    "etudiant": {"ZIP": {"cesp", "docteur_junior_zip"}, "ZAC": {"cesp"}, "non ZIP": {"cesp"}},
    "remplacant": {"ZIP": {"exoneration_permanence_soins"}, "ZAC": {"exoneration_permanence_soins"},
                   "non ZIP": {"exoneration_permanence_soins"}},
    "installation": {"ZIP": PRIMO | {"exoneration_permanence_soins"},
                     "ZAC": {"primo_installation_zac", "exoneration_permanence_soins"},
                     "non ZIP": {"primo_installation_zac", "exoneration_permanence_soins"}},
    "installe": {"ZIP": {"cabinet_secondaire_zip", "fmt_installes_zip", "exoneration_permanence_soins"},
                 "ZAC": {"exoneration_permanence_soins"}, "non ZIP": {"exoneration_permanence_soins"}},
}


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("zone", ["ZIP", "ZAC", "ZV", "HZ", "non ZIP", None])
def test_every_aid_against_every_profile(profile, zone):
    found = aids_for(profile, zone, load_catalogue())
    assert {a.id for a, _ in found} == EXPECTED_AIDS[profile].get(zone, set())
    assert all(certain == (zone != "non ZIP") for _, certain in found)


def test_a_locum_is_offered_no_installation_aid():
    catalogue = {a.id: a for a in load_catalogue()}
    assert set(EXPECTED_AIDS) == set(PROFILES)
    for aid in catalogue.values():
        if "installation" in aid.id or "primo" in aid.id or "forfait médecin traitant" in aid.nom:
            assert "remplacant" not in aid.profils, aid.id
    assert "remplacants" in catalogue["exoneration_permanence_soins"].citation.replace("remplaçants", "remplacants")


@pytest.mark.parametrize("nom, categorie, reason", [
    ("CENTRE DE SANTE DENTAIRE DU PORT", "Centre de santé", "centre dentaire"),
    ("CTRE SOINS INF DE LA MAIRIE", "Centre de santé", "centre de soins infirmiers"),
    ("CDS OPHTALMOLOGIQUE VISIO", "Centre de santé", "centre ophtalmologique ou de la vision"),
    ("CENTRE MUNICIPAL DE SANTE", "Centre de santé", None),
    ("MSP DU DENTAIRE", "Maison de santé", None),  # an MSP is pluriprofessional by law
])
def test_centres_de_sante_rule(nom, categorie, reason):
    assert gp_layer_exclusion(nom, categorie) == reason


@pytest.mark.parametrize("apl, expected", [(0.0, "ZIP"), (2.49, "ZIP"), (2.5, "ZAC"), (3.99, "ZAC"), (4.0, "HZ"),
                                           (None, None), (float("nan"), None)])
def test_indicative_zonage_thresholds(apl, expected):
    assert zonage.indicative(apl) == expected


def test_normalise_search_text():
    assert normalise("St-Étienne") == "saint etienne"
    assert normalise("  L'Île-d'Yeu ") == "l ile d yeu"
    assert normalise("%_") == ""


# --- on the real database -------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [("beauvoir sur mer", "85018"), ("Beauvoir-sur-Mer", "85018"),
                                        ("BEAUVOIR SUR MER", "85018"), ("saint etienne", "42218"),
                                        ("st nazaire", "44184"), ("l ile d yeu", "85113"), ("2a004", "2A004"),
                                        ("85018", "85018")])
def test_search_finds_the_commune_first(con, text, code):
    assert search(con, text).iloc[0]["code"] == code


def test_search_by_postal_code_and_nothing_for_empty_or_unknown(con):
    found = search(con, "85230")
    assert {"85018", "85029", "85221", "85273"} <= set(found["code"])
    assert found.set_index("code").loc["85018", "via"] == "code postal 85230"
    paris = search(con, "75001")
    assert "75101" in set(paris["code"]) and "75056" not in set(paris["code"])  # APL units only
    for text in ("", "   ", "xyzzy", "%"):
        assert search(con, text).empty, text
    # markup is dropped: « script » matches no name, only a close spelling, said as such (« Scrupt »)
    assert set(search(con, "<script>")["via"]) <= {"orthographe proche"}


def test_neighbours_within_20_minutes(con):
    near = reachable(con, "85018")
    assert near.iloc[0]["code"] == "85018"
    assert "85047" in set(near["code"]) and (near["minutes"] < 20).all()  # Challans
    assert list(reachable(con, "85113")["code"]) == ["85113"]  # L'Île-d'Yeu: no bridge
    assert reachable(con, "99999").empty


def test_official_indicative_and_missing_zonage(con):
    table = pd.DataFrame({"code": ["04070", "13201", "85018", "97601"], "apl65_2023": [None, None, 2.72, None]})
    z = zonage.resolve(table, con).set_index("code")
    assert z.loc["04070", ["zonage", "zonage_statut"]].tolist() == ["ZIP", zonage.OFFICIAL]
    assert z.loc["13201", ["zonage", "zonage_statut"]].tolist() == ["non ZIP", zonage.OFFICIAL]  # Marseille's row
    assert z.loc["85018", ["zonage", "zonage_statut"]].tolist() == ["ZAC", zonage.INDICATIVE]
    assert pd.isna(z.loc["97601", "zonage"]) and "pas d'APL" in z.loc["97601", "zonage_source"]


def test_beauvoir_sur_mer_facts(con):
    table = installation.department_table(con, "85")
    facts = installation.commune_facts(con, table, "85018")
    assert facts.row["apl_2023"] == pytest.approx(3.13, abs=0.005)
    assert facts.row["bassin_vie_nom"] == "Beauvoir-sur-Mer"
    assert installation.zonage_text(facts.row) == "ZAC — indicatif, non réglementaire"
    msp = facts.msp.set_index("nom")
    assert msp.loc["MSP CASSIOPEE", "commune"] == "Challans"
    assert str(msp.loc["MSP CASSIOPEE", "date_ouverture"])[:10] == "2020-10-12"
    assert facts.prefecture[0] == "La Roche-sur-Yon" and 50 < facts.prefecture[1] < 58
    assert facts.times_notice.startswith("Temps de trajet modélisés") and "montagne" not in facts.times_notice
    assert installation.commune_facts(con, table, "44109") is None  # not in the department


def test_installer_page_says_the_times_are_modelled_in_zone_de_montagne(data_dir):
    """Briançon: under « Maisons et centres de santé à moins de 20 minutes », the travel times'
    line says the commune is in zone de montagne, its times modelled, and the model's error there."""
    from tests.test_pages import run

    at = run("pages/installer.py", profil="installation", code="05023")
    assert at.main.markdown[-1].value == "#### Maisons et centres de santé à moins de 20 minutes"
    line = at.main.caption[-1].value
    assert line.startswith("Temps de trajet modélisés") and "Commune en zone de montagne" in line
    assert "écart médian du modèle est de 3 minutes et 86 %" in line


def test_marseille_arrondissement_lists_the_city_qpv(con):
    qpv = installation.qpv_zonage(con, "13201")
    assert len(qpv) == 41 and qpv["de_la_ville"].all() and set(qpv["zonage"]) == {"ZIP", "ZAC"}


def test_zonage_export_says_indicative(con):
    table = installation.department_table(con, "85")
    text = installation.zonage_export(table).decode("utf-8-sig")
    assert text.splitlines()[0] == "code_insee;commune;zonage;statut;source;apl_moins65_2023"
    assert text.count("indicatif, non réglementaire") >= len(table)  # statut and source of each row


def test_comparison_side_by_side(con):
    table = installation.department_table(con, "85")
    facts = [installation.commune_facts(con, table, c) for c in ("85018", "85047")]
    out = installation.comparison(facts)
    assert list(out.columns) == ["Beauvoir-sur-Mer (85018)", "Challans (85047)"]
    assert out.loc["APL 2023 (DREES)", "Beauvoir-sur-Mer (85018)"] == "3,13"


@pytest.fixture()
def user_dir(tmp_path, monkeypatch):
    """Imports go to a user database of their own, not the session's."""
    monkeypatch.setenv("SANTECARTE_DATA_DIR", str(tmp_path))
    return tmp_path


EDITOR = Editor("agent@ars.sante.fr", "compte local")
SAMPLE = pd.DataFrame({"code": ["85018", "85047", "75101", "85113"], "apl65_2023": [9.0, 1.0, 9.0, 9.0]})


def test_published_zonage_import_replaces_the_indicative_one_and_is_logged(con, user_dir):
    data = "code_insee;zonage\n85018;ZIP\n85047;hors zonage\n75056;ZAC\n".encode("cp1252")
    rows, notes = zonage.read_import(con, data)
    assert len(rows) == 22 and any("arrondissements" in n for n in notes)
    import_id = zonage.save_import(rows, "Arrêté test", EDITOR, "zonage.csv", data)
    z = zonage.resolve(SAMPLE, con).set_index("code")
    assert z.loc["85018", ["zonage", "zonage_statut"]].tolist() == ["ZIP", zonage.IMPORTED]
    assert z.loc["85047", "zonage"] == "HZ" and z.loc["75101", "zonage"] == "ZAC"
    assert z.loc["85113", "zonage_statut"] == zonage.INDICATIVE and "Arrêté test" in z.loc["85018", "zonage_source"]
    assert installation.zonage_text(z.loc["85018"]) == "ZIP — officiel (import ARS)"
    entry = userdata.audit_log().iloc[0]
    assert (entry["editor"], entry["action"], entry["file_name"]) == ("agent@ars.sante.fr (compte local)",
                                                                     "publication", "zonage.csv")
    assert entry["file_sha256"] == hashlib.sha256(data).hexdigest() and entry["import_id"] == import_id
    assert entry["n_communes"] == 22 and {"85018", "85047", "75101"} <= set(entry["commune_codes"])

    zonage.remove_import(import_id, EDITOR)
    assert userdata.imported_zonage().empty
    assert zonage.resolve(SAMPLE, con).set_index("code").loc["85018", "zonage_statut"] == zonage.INDICATIVE
    log = userdata.audit_log()
    assert log["action"].tolist() == ["retrait", "publication"]
    removal = log.iloc[0]
    assert removal["file_sha256"] == entry["file_sha256"] and removal["n_communes"] == 22
    assert list(removal["commune_codes"]) == list(entry["commune_codes"])


def test_publishing_or_removing_needs_an_editor(con, user_dir):
    rows = pd.DataFrame({"commune_code": ["85018"], "zonage": ["ZIP"]})
    for who in (None, "agent@ars.sante.fr"):
        with pytest.raises(PermissionError, match="compte éditeur"):
            zonage.save_import(rows, "Arrêté test", who, "z.csv", b"x")
    import_id = zonage.save_import(rows, "Arrêté test", EDITOR, "z.csv", b"x")
    with pytest.raises(PermissionError, match="compte éditeur"):
        zonage.remove_import(import_id, None)
    assert len(userdata.imported_zonage()) == 1 and len(userdata.audit_log()) == 1


def test_a_private_import_is_seen_only_where_it_is_passed(con, user_dir):
    rows = pd.DataFrame({"commune_code": ["85018", "85047"], "zonage": ["ZIP", "ZV"]})
    mine = zonage.private_import(rows, "", "mon_zonage.csv")
    z = zonage.resolve(SAMPLE, con, private=mine).set_index("code")
    assert z.loc["85018", ["zonage", "zonage_statut"]].tolist() == ["ZIP", zonage.PRIVATE]
    assert z.loc["85018", "zonage_source"] == "Zonage importé (mon_zonage.csv) — votre import, non publié"
    assert installation.zonage_text(z.loc["85047"]) == "ZV — votre import, non publié"
    assert installation.zonage_statut_text(z.loc["85018"]) == "votre import, non publié"
    others = zonage.resolve(SAMPLE, con).set_index("code")  # any other session
    assert (others["zonage_statut"] == zonage.INDICATIVE).all()
    assert userdata.imported_zonage().empty and userdata.audit_log().empty  # nothing stored
    table = installation.department_table(con, "85", private=mine).set_index("code")
    assert table.loc["85018", "zonage_statut"] == zonage.PRIVATE
    assert installation.department_table(con, "85").set_index("code").loc["85018", "zonage_statut"] == zonage.INDICATIVE
    # over a published zonage, the visitor still sees their own
    zonage.save_import(pd.DataFrame({"commune_code": ["85018"], "zonage": ["ZAC"]}), "Arrêté", EDITOR, "a.csv", b"a")
    assert zonage.resolve(SAMPLE, con, private=mine).set_index("code").loc["85018", "zonage"] == "ZIP"
    assert zonage.resolve(SAMPLE, con).set_index("code").loc["85018", "zonage"] == "ZAC"


@pytest.mark.parametrize("data, message", [
    (b"", "vide"),
    (b"code;zonage\n", "aucune ligne"),
    (b"commune;classe\n85018;ZIP\n", "Colonnes attendues"),
    (b"code;zonage\n85018;ZIPP\n85047;ZIP\n", r"1 zonage\(s\) non reconnu\(s\) — ligne 2 : « ZIPP »"),
    (b"code;zonage\n85018;ZIP\n99999;ZIP\n<b>x</b>;ZAC\n", r"2 code\(s\) inconnu\(s\).*lignes 3, 4"),
    (b"code;zonage\n85018;ZIP\n85018;ZAC\n", "deux zonages différents : 85018"),
    (b"\x00\x01\x02PK\x03", "binaire"),
])
def test_bad_zonage_import_is_refused_and_the_previous_one_stays(con, user_dir, data, message):
    zonage.save_import(pd.DataFrame({"commune_code": ["85018"], "zonage": ["ZIP"]}), "Import précédent", EDITOR,
                       "precedent.csv", b"code;zonage\n85018;ZIP\n")
    with pytest.raises(UploadError, match=message):
        zonage.read_import(con, data)
    assert userdata.imported_zonage()[["commune_code", "zonage"]].values.tolist() == [["85018", "ZIP"]]
