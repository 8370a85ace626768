"""« Territoires sous-dotés » for the five professions (issue #17): the France view states the DREES
files' national means, computed by the app's own queries; GPs get 2021–2023 and their changes;
the other professions get national quintiles, never the GP threshold; exports name profession,
year and unit."""
import pytest

from tests.integration.test_pages import run

FRANCE_MEANS = {"infirmier": "156,07 ETP/100 000 hab.", "masseur_kinesitherapeute": "111,58 ETP/100 000 hab.",
                "sage_femme": "19,72 ETP/100 000 femmes", "chirurgien_dentiste": "59,00 ETP/100 000 hab."}


def statement(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Moyenne nationale"))


@pytest.mark.parametrize("profession, mean", FRANCE_MEANS.items())
def test_france_view_states_each_professions_national_mean(data_dir, profession, mean):
    at = run("pages/carte_apl.py", region="FR", profession=profession)
    assert at.selectbox[0].value == profession
    assert mean in statement(at) and "2021" in statement(at) and "DREES" in statement(at)
    assert "pas de seuil officiel" in statement(at)
    assert "la carte classe les départements par quintile national (cinq groupes de même nombre de départements)" \
        in statement(at)  # the France map colours departments, not communes
    france = at.dataframe[0].value.set_index("Territoire").loc["France"]
    assert france["APL moyenne 2021 (pondérée)"] == mean
    assert at.dataframe[-1].value.shape[0] == 101  # the departments, ranked on the profession's APL


def test_france_view_gp_2021_and_2023_means(data_dir):
    at = run("pages/carte_apl.py", region="FR", indicateur="APL 2021")
    assert "Moyenne nationale 2021 des médecins généralistes : 3,811 consultations/hab./an" in statement(at)
    assert at.dataframe[0].value.loc[0, "APL moyenne (pondérée)"] == "3,81"
    at.selectbox[3].set_value("APL 2021 — généralistes de 65 ans ou moins").run()
    assert "généralistes de 65 ans et moins : 3,369" in statement(at)
    at.selectbox[3].set_value("APL 2023").run()
    assert "Moyenne nationale 2023 des médecins généralistes : 3,745" in statement(at)


def test_switching_profession_in_vendee_changes_map_figures_and_exports(data_dir):
    at = run("pages/carte_apl.py", region="52", departement="85")
    gp_options = at.selectbox[3].options
    assert {"APL 2021", "Évolution de l'APL, 2021 → 2023", "Évolution de l'APL, 2021 → 2022"} <= set(gp_options)
    at.selectbox[0].set_value("infirmier").run()
    assert not at.exception
    assert at.selectbox[3].options == ["APL 2021 — infirmiers (ETP/100 000 hab.)"]
    assert at.query_params["profession"] in ("infirmier", ["infirmier"])
    headline = at.dataframe[0].value
    assert list(headline["Territoire"]) == ["Sélection", "Région Pays de la Loire", "France"]
    assert headline.loc[0, "APL moyenne 2021 (pondérée)"] == "85,84 ETP/100 000 hab."
    ranking = at.dataframe[-1].value
    assert list(ranking.columns) == ["Nom", "Code", "APL 2021 — infirmiers (ETP/100 000 hab.)", "Population"]
    assert not any("2,5" in c.value for c in at.caption if c.value.startswith("APL 2021 aux infirmiers"))
    at.selectbox[0].set_value("medecin_generaliste").run()
    assert at.selectbox[3].value == "APL 2023"  # the GP indicator chosen before comes back


def test_exports_carry_profession_year_and_unit(con):
    from santecarte.core import db
    from santecarte.core.professions import PROFESSIONS
    from santecarte.domain.communes import commune_table, export_csv, export_geojson, with_profession

    vendee = commune_table(db.query(con, "territory_communes", level="departement", code="85"))
    nurses = with_profession(vendee, db.query(con, "apl_values", level="departement", code="85",
                                              profession="infirmier", year=2021, scope="moins65"))
    text = export_csv(nurses, PROFESSIONS["infirmier"]).decode("utf-8-sig").splitlines()
    assert text[0].split(";")[-5:] == ["apl", "profession", "annee_apl", "unite_apl", "source_apl"]
    beauvoir = next(line for line in text if line.startswith("85018;"))
    assert ";100,25;Infirmiers;2021;ETP d'infirmiers de 65 ans et moins" in beauvoir
    gp = export_csv(vendee).decode("utf-8-sig").splitlines()
    row = dict(zip(gp[0].split(";"), next(line for line in gp if line.startswith("85018;")).split(";")))
    assert (row["apl_2021"], row["apl_2022"], row["apl_2023"]) == ("3,68", "3,31", "3,13")
    assert row["profession"] == "Médecins généralistes" and row["annee_apl"] == "2021-2023"
    assert '"profession": "Infirmiers"' in export_geojson(nurses, PROFESSIONS["infirmier"]).decode()


def test_a_gp_indicator_chosen_survives_other_professions_and_clicks(data_dir):
    """A widget not drawn in a run loses its value: the GP indicator, hidden while another profession
    is shown, must come back as chosen, and reruns in between must not fail."""
    at = run("pages/carte_apl.py", region="52", departement="85")
    at.selectbox[3].set_value("APL 2021").run()
    at.selectbox[0].set_value("infirmier").run()
    at.selectbox[1].set_value("93").run()  # another region while nurses are shown
    assert not at.exception, [e.message for e in at.exception]
    at.selectbox[0].set_value("medecin_generaliste").run()
    assert not at.exception and at.selectbox[3].value == "APL 2021"


def test_france_view_of_a_profession_classes_departments_by_their_own_quintiles(data_dir):
    at = run("pages/carte_apl.py", region="FR", profession="chirurgien_dentiste")
    caption = next(c.value for c in at.caption if c.value.startswith("APL 2021 aux chirurgiens-dentistes"))
    assert "quintiles des départements de France" in caption


def test_card_of_a_commune_shows_the_whole_value_with_its_unit_in_the_label(data_dir):
    """The card under the map (a commune clicked or searched: Gap, 05061) for nurses: three wide
    metrics, the unit in the label, so the figure is never cut (« 107,05 E… »)."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=120)
    at.switch_page("pages/carte_apl.py")
    at.query_params.update(region="93", departement="05", profession="infirmier")
    at.session_state["carte_focus"] = "05061"
    at.run()
    assert not at.exception
    card = {m.label: m.value for m in at.metric}
    value = card["APL 2021 — infirmiers (ETP/100 000 hab.)"]
    assert value.replace("\u202f", "").replace(",", "").isdigit() and len(value) <= 8
    assert card["Place en France"].endswith("quintile sur 5") and "Population" in card
    assert "la carte classe les communes par quintile national" in statement(at)


def test_france_view_exports_the_departments_with_their_provenance(data_dir):
    """The France view ranks departments: its CSV has one row per department (101), the APL of the
    profession with its unit, and says that a department's APL is the DREES weighted mean."""
    import io

    import pandas as pd

    at = run("pages/carte_apl.py", region="FR", profession="infirmier")
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert {"Télécharger les départements (CSV)", "Télécharger la carte (GeoJSON)"} <= set(buttons)
    from santecarte.core import db
    from santecarte.core.professions import PROFESSIONS
    from santecarte.domain.communes import export_csv, with_changes, with_profession

    con = db.connect()
    table = with_profession(with_changes(db.query(con, "departement_indicators")),
                            db.query(con, "departement_apl", profession="infirmier", year=2021, scope="moins65"))
    csv = pd.read_csv(io.BytesIO(export_csv(table, PROFESSIONS["infirmier"], by_departement=True)), sep=";", dtype=str,
                      encoding="utf-8-sig")
    assert len(csv) == 101 and list(csv.columns[:4]) == ["departement", "nom", "population", "apl"]
    assert csv.set_index("departement").loc["01", "apl"] == "126,78"
    assert set(csv["unite_apl"]) == {PROFESSIONS["infirmier"].unit} and set(csv["annee_apl"]) == {"2021"}
    assert csv["source_apl"].str.contains("moyenne de ses communes pondérée").all()
