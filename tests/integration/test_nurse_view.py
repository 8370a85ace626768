"""« S'installer » for nurses (?metier=infirmier, issue #17): the class of the nurses' national
zonage of a commune, what it means, the nurses' APL 2021 and the department's map; the doctors'
view stays the default."""
import re

import pytest

from santecarte.domain import nurse_zonage
from tests.integration.test_pages import run


@pytest.mark.parametrize("code, classe, label", [("01071", 1, "très sous-dotée (classe 1 sur 5)"),
                                                 ("01010", 2, "sous-dotée (classe 2 sur 5)"),
                                                 ("01016", 3, "intermédiaire (classe 3 sur 5)"),
                                                 ("01001", 4, "très dotée (classe 4 sur 5)"),
                                                 ("01451", 5, "sur-dotée (classe 5 sur 5)")])
def test_nurse_view_shows_the_class_of_the_commune(data_dir, con, code, classe, label):
    assert con.execute("SELECT classe FROM zonage_infirmiers WHERE code = ?", [code]).fetchone()[0] == classe
    at = run("pages/installer.py", metier="infirmier", code=code)
    assert at.radio(key="metier").value == "infirmier"
    texts = [m.value for m in at.main.markdown]
    assert f"### Zonage infirmiers : {label}" in texts
    title, meaning = nurse_zonage.MEANING[classe]
    assert f"**{title}**" in texts and meaning in texts
    assert any("avenant 6" in c.value and "voir l'ARS et la CPAM" in c.value for c in at.main.caption)
    metrics = {m.label: m.value for m in at.main.metric}
    assert list(metrics) == ["APL 2021 de la commune (ETP/100 000 hab.)", "Moyenne du département (ETP/100 000 hab.)",
                             "Moyenne nationale (ETP/100 000 hab.)"]
    assert metrics["Moyenne nationale (ETP/100 000 hab.)"] == "156,07"
    assert all(re.fullmatch(r"[\d\u202f]+,\d\d", v) for v in metrics.values())
    body = " ".join(texts + [c.value for c in at.main.caption] + list(metrics.values()))
    assert not re.search(r"\b(None|nan|NaN)\b", body)
    assert at.query_params["metier"] == "infirmier" and at.query_params["code"] == code


def test_incentives_only_in_tres_sous_dotee_and_regulation_in_sur_dotee():
    assert "CAPII" in nurse_zonage.MEANING[1][1] and "réservés aux zones très sous-dotées" in nurse_zonage.MEANING[2][1]
    assert "une installation pour un départ" in nurse_zonage.MEANING[5][1]
    for k in (3, 4):
        assert nurse_zonage.MEANING[k][0] == "Installation libre, sans aide spécifique"
    assert not any("€" in text for _, text in nurse_zonage.MEANING.values())  # no amount: they change
    assert nurse_zonage.headline(None) == "Zonage infirmiers : pas de classe publiée"


def test_doctors_view_is_the_default(data_dir):
    at = run("pages/installer.py", profil="installation", code="01010")
    assert at.radio(key="metier").value == "medecin"
    assert "metier" not in at.query_params
    assert not any(m.value.startswith("### Zonage infirmiers") for m in at.main.markdown)
    assert any(m.label.startswith("Zonage médecins") for m in at.main.metric)


def test_switching_to_nurses_and_back_keeps_the_commune(data_dir):
    at = run("pages/installer.py", profil="remplacant", code="01010")
    at.radio(key="metier").set_value("infirmier").run()
    assert "### Zonage infirmiers : sous-dotée (classe 2 sur 5)" in [m.value for m in at.main.markdown]
    at.radio(key="metier").set_value("medecin").run()
    assert not at.exception
    assert at.radio(key="profil").value == "remplacant" and "metier" not in at.query_params
    assert any(m.label.startswith("Zonage médecins") for m in at.main.metric)


def test_unknown_metier_in_a_link_falls_back_to_doctors(data_dir):
    at = run("pages/installer.py", metier="plombier", code="01010")
    assert at.radio(key="metier").value == "medecin"
    assert any("Métier inconnu" in w.value for w in at.main.warning)


def test_paris_lists_its_arrondissements(con, data_dir):
    facts = nurse_zonage.commune_facts(con, "75056")
    assert facts.is_city and facts.classe is None and len(facts.units) == 20
    assert set(facts.units["zonage"]) <= {nurse_zonage.class_text(k) for k in nurse_zonage.CLASSES}
    arrondissement = nurse_zonage.commune_facts(con, "75101")
    assert not arrondissement.is_city and arrondissement.city == "Paris" and len(arrondissement.units) == 20
    at = run("pages/installer.py", metier="infirmier", code="75056")
    table = at.main.dataframe[0].value
    assert list(table.columns) == ["Arrondissement", "Code INSEE", "Zonage infirmiers"] and len(table) == 20
    assert nurse_zonage.commune_facts(con, "97701") is None  # Saint-Barthélemy: not in the database


def test_overseas_commune(data_dir):
    at = run("pages/installer.py", metier="infirmier", code="97411")
    assert "### Zonage infirmiers : sur-dotée (classe 5 sur 5)" in [m.value for m in at.main.markdown]
    assert at.main.markdown[-1].value == "#### Carte du zonage infirmiers — La Réunion"
