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
    assert [b.proto.label for b in at.get("download_button")] == ["Télécharger le zonage infirmiers du département (CSV)"]


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


def test_department_export_has_each_class_the_apl_and_its_provenance(con, raw):
    """The nurses' zonage CSV of the Ain: the five communes above in their published class, the nurses'
    APL 2021 as in the DREES file, written as on the page, and on every row the profession, vintage,
    unit and source (issue #17)."""
    import io

    import pandas as pd

    csv = pd.read_csv(io.BytesIO(nurse_zonage.departement_export(con, "01")), sep=";", dtype=str, encoding="utf-8-sig")
    assert len(csv) == con.execute("SELECT count(*) FROM communes WHERE apl_unit AND departement_code = '01' "
                                   "AND geom_display IS NOT NULL").fetchone()[0]
    rows = csv.set_index("code_insee")
    for code, classe in (("01071", "1"), ("01010", "2"), ("01016", "3"), ("01001", "4"), ("01451", "5")):
        assert rows.loc[code, "classe_zonage_infirmiers"] == classe
        assert rows.loc[code, "zonage_infirmiers"].endswith(f"(classe {classe} sur 5)")
    drees = pd.read_excel(raw / "apl/2021_professions/APL_inf_2021.xlsx", engine="calamine", dtype={0: str})
    published = float(drees.set_index(drees.columns[0]).loc["01001"].iloc[2])
    assert rows.loc["01001", "apl_infirmiers"] == f"{published:.2f}".replace(".", ",")
    assert set(csv["profession"]) == {"Infirmiers"} and set(csv["annee_apl"]) == {"2021"}
    assert set(csv["unite_apl"]) == {"ETP d'infirmiers de 65 ans et moins accessibles pour 100 000 habitants "
                                     "standardisés"}
    assert csv["source_apl"].str.startswith("DREES").all() and csv["source_zonage"].str.contains("CartoSanté").all()
    assert not csv.isin(["None", "nan", "True", "False"]).any().any()
