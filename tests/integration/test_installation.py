"""« S'installer » on the real database: the commune search and a commune's facts, the zonage
(official, indicative, published by an editor and logged, or private to a visitor). The aids
catalogue and its rules are in tests/unit/test_installation.py."""
import hashlib

import pandas as pd
import pytest

from santecarte.core.files import UploadError
from santecarte.domain import installation, userdata, zonage
from santecarte.domain.auth import Editor
from santecarte.domain.search import search
from santecarte.domain.travel import reachable

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
    z = zonage.with_zonage(table, con).set_index("code")
    assert z.loc["04070", ["zonage", "zonage_statut"]].tolist() == ["ZIP", zonage.OFFICIAL]
    assert z.loc["13201", ["zonage", "zonage_statut"]].tolist() == ["non ZIP", zonage.OFFICIAL]  # Marseille's row
    assert z.loc["85018", ["zonage", "zonage_statut"]].tolist() == ["ZAC", zonage.INDICATIVE]
    assert pd.isna(z.loc["97601", "zonage"]) and "pas d'APL" in z.loc["97601", "zonage_source"]


def test_beauvoir_sur_mer_facts(con):
    table = installation.departement_table(con, "85")
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
    from tests.integration.test_pages import run

    at = run("pages/installer.py", profil="installation", code="05023")
    assert at.main.markdown[-1].value == "#### Maisons et centres de santé à moins de 20 minutes"
    line = at.main.caption[-1].value
    assert line.startswith("Temps de trajet modélisés") and "Commune en zone de montagne" in line
    assert "écart médian du modèle est de 3 minutes et 86 %" in line


def test_marseille_arrondissement_lists_the_city_qpv(con):
    qpv = installation.qpv_zonage(con, "13201")
    assert len(qpv) == 41 and qpv["de_la_ville"].all() and set(qpv["zonage"]) == {"ZIP", "ZAC"}


def test_zonage_export_says_indicative(con):
    table = installation.departement_table(con, "85")
    text = installation.zonage_export(table).decode("utf-8-sig")
    assert text.splitlines()[0] == ("code_insee;commune;zonage;statut;source;apl_moins65_2023;profession;annee_apl;unite_apl;"
                                    "source_apl")
    assert text.count("indicatif, non réglementaire") >= len(table)  # statut and source of each row


def test_comparison_side_by_side(con):
    table = installation.departement_table(con, "85")
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
    z = zonage.with_zonage(SAMPLE, con).set_index("code")
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
    assert zonage.with_zonage(SAMPLE, con).set_index("code").loc["85018", "zonage_statut"] == zonage.INDICATIVE
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
    z = zonage.with_zonage(SAMPLE, con, private=mine).set_index("code")
    assert z.loc["85018", ["zonage", "zonage_statut"]].tolist() == ["ZIP", zonage.PRIVATE]
    assert z.loc["85018", "zonage_source"] == "Zonage importé (mon_zonage.csv) — votre import, non publié"
    assert installation.zonage_text(z.loc["85047"]) == "ZV — votre import, non publié"
    assert installation.zonage_statut_text(z.loc["85018"]) == "votre import, non publié"
    others = zonage.with_zonage(SAMPLE, con).set_index("code")  # any other session
    assert (others["zonage_statut"] == zonage.INDICATIVE).all()
    assert userdata.imported_zonage().empty and userdata.audit_log().empty  # nothing stored
    table = installation.departement_table(con, "85", private=mine).set_index("code")
    assert table.loc["85018", "zonage_statut"] == zonage.PRIVATE
    assert installation.departement_table(con, "85").set_index("code").loc["85018", "zonage_statut"] == zonage.INDICATIVE
    # over a published zonage, the visitor still sees their own
    zonage.save_import(pd.DataFrame({"commune_code": ["85018"], "zonage": ["ZAC"]}), "Arrêté", EDITOR, "a.csv", b"a")
    assert zonage.with_zonage(SAMPLE, con, private=mine).set_index("code").loc["85018", "zonage"] == "ZIP"
    assert zonage.with_zonage(SAMPLE, con).set_index("code").loc["85018", "zonage"] == "ZAC"


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
