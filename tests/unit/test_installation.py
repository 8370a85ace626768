"""« S'installer »: the aids catalogue and its filter, the centres de santé rule, the zonage
(official, indicative, published by an editor and logged, or private to a visitor), the commune
search and a commune's facts. Here: what needs no database (the catalogue, the rules, the
thresholds); tests/integration/test_installation.py has the rest, on the real database."""
import datetime as dt

import pandas as pd
import pytest

from santecarte.domain import zonage
from santecarte.domain.aids import SITUATIONS, ZONAGES, aids_for, condition_text, load_catalogue
from santecarte.domain.installation import CommuneFacts, imports_display, qpv_display, qpv_notice
from santecarte.domain.search import normalise
from santecarte.pipeline.msp import gp_layer_exclusion

HAND_CATALOGUE = """id,nom,situations,zonages,montant,conditions,financeur,texte,citation,url,verifie_le
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


def test_catalogue_french_header_gives_english_fields(hand_catalogue, tmp_path):
    aid = hand_catalogue[1]
    assert (aid.id, aid.name, aid.situations, aid.zonages, aid.amount, aid.conditions, aid.funder, aid.legal_text,
            aid.quote, aid.url, aid.checked_on) == (
        "zip_zac", "Aide ZIP et ZAC", ("installation", "remplacant"), ("ZIP", "ZAC"), "5 €", "c", "f", "t", "« y »",
        "https://example.org/b", dt.date(2026, 11, 29))
    path = tmp_path / "aides.csv"
    path.write_text(HAND_CATALOGUE.replace(",financeur,", ",funder,"), encoding="utf-8")
    with pytest.raises(ValueError, match="financeur"):  # the file keeps its French header
        load_catalogue(path)


def facts_of(zonage_value, statut):
    row = pd.Series({"code": "85018", "nom": "X", "zonage": zonage_value, "zonage_statut": statut})
    return CommuneFacts(row, pd.DataFrame(), pd.DataFrame(), None, "")


def test_aid_condition_wording():
    assert condition_text(True) == ""
    assert condition_text(False) == " · (à vérifier : ZAC ou hors zonage)"
    assert condition_text(True, "ZIP") == condition_text(False, "ZIP") == " · (si l'ARS classe la commune en ZIP)"
    official, indicative = facts_of("ZAC", "officiel"), facts_of("ZIP", zonage.INDICATIVE)
    assert official.has_zonage and not official.indicative_zonage and official.aid_condition(True) == ""
    assert indicative.indicative_zonage and indicative.aid_condition(True) == " · (si l'ARS classe la commune en ZIP)"
    assert facts_of("non ZIP", "officiel").aid_condition(False) == " · (à vérifier : ZAC ou hors zonage)"
    unknown = facts_of(None, None)
    assert not unknown.has_zonage and not unknown.indicative_zonage


def test_qpv_and_published_imports_tables():
    qpv = pd.DataFrame({"qpv_code": ["QN01301M"], "qpv_nom": ["Frais Vallon"], "zonage": ["ZIP"],
                        "millesime": ["2024"], "de_la_ville": [True]})
    assert qpv_display(qpv).to_dict("records") == [
        {"Quartier": "Frais Vallon", "Code QPV": "QN01301M", "Zonage": "ZIP", "Millésime": "2024"}]
    assert qpv_notice(qpv).startswith("Les QPV sont publiés pour la ville entière")
    assert qpv_notice(qpv.assign(de_la_ville=False)) is None
    imports = pd.DataFrame({"import_id": ["a"], "source": ["Arrêté ARS"], "n_communes": [25],
                            "imported_at": [pd.Timestamp("2026-03-02 14:05:07")]})
    assert imports_display(imports).to_dict("records") == [
        {"Source": "Arrêté ARS", "Communes": 25, "Publié le": "02/03/2026 14:05"}]


def test_real_catalogue_cites_every_aid_and_filters_by_zonage():
    catalogue = load_catalogue()
    assert len(catalogue) == 8
    for aid in catalogue:
        assert aid.url.startswith("https://") and len(aid.quote) > 30 and aid.legal_text
        assert dt.date(2026, 1, 1) <= aid.checked_on <= dt.date.today()
    assert {a.id for a, _ in aids_for("installation", "ZIP", catalogue)} >= {"primo_installation_zip"}
    for situation in SITUATIONS:
        for z in ("ZV", "HZ"):
            assert aids_for(situation, z, catalogue) == [], (situation, z)
        in_zac = {a.id for a, _ in aids_for(situation, "ZAC", catalogue)}
        assert not any(a.zonages == ("ZIP",) and a.id in in_zac for a in catalogue)
    assert {a.id for a, _ in aids_for("etudiant", "ZAC", catalogue)} == {"cesp"}
    assert set(ZONAGES) >= {z for a in catalogue for z in a.zonages}


PRIMO = {"primo_installation_zip", "fmt_primo_installes_zip"}
EXPECTED_AIDS = {  # situation → zonage → the catalogue's aids it can claim there, written out one by one
    "etudiant": {"ZIP": {"cesp", "docteur_junior_zip"}, "ZAC": {"cesp"}, "non ZIP": {"cesp"}},
    "remplacant": {"ZIP": {"exoneration_permanence_soins"}, "ZAC": {"exoneration_permanence_soins"},
                   "non ZIP": {"exoneration_permanence_soins"}},
    "installation": {"ZIP": PRIMO | {"exoneration_permanence_soins"},
                     "ZAC": {"primo_installation_zac", "exoneration_permanence_soins"},
                     "non ZIP": {"primo_installation_zac", "exoneration_permanence_soins"}},
    "installe": {"ZIP": {"cabinet_secondaire_zip", "fmt_installes_zip", "exoneration_permanence_soins"},
                 "ZAC": {"exoneration_permanence_soins"}, "non ZIP": {"exoneration_permanence_soins"}},
}


@pytest.mark.parametrize("situation", list(SITUATIONS))
@pytest.mark.parametrize("zone", ["ZIP", "ZAC", "ZV", "HZ", "non ZIP", None])
def test_every_aid_against_every_profile(situation, zone):
    found = aids_for(situation, zone, load_catalogue())
    assert {a.id for a, _ in found} == EXPECTED_AIDS[situation].get(zone, set())
    assert all(certain == (zone != "non ZIP") for _, certain in found)


def test_a_locum_is_offered_no_installation_aid():
    catalogue = {a.id: a for a in load_catalogue()}
    assert set(EXPECTED_AIDS) == set(SITUATIONS)
    for aid in catalogue.values():
        if "installation" in aid.id or "primo" in aid.id or "forfait médecin traitant" in aid.name:
            assert "remplacant" not in aid.situations, aid.id
    assert "remplacants" in catalogue["exoneration_permanence_soins"].quote.replace("remplaçants", "remplacants")


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
