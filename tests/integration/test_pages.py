"""Every page renders without exception (Streamlit AppTest), on the real database."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT

TIMEOUT = 120


def run(path, **query):
    """Open `path` as a user would: the app's entry point, then the page (with URL parameters)."""
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=TIMEOUT)
    if path != "app.py":
        at.switch_page(path)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_home_page(data_dir):
    at = run("app.py")
    assert at.title[0].value == "SantéCarte"
    assert any("APL" in md.value for md in at.caption)


def test_map_page_defaults_to_vendee_and_shows_figures(data_dir):
    at = run("pages/carte_apl.py")
    profession, region, dep, indicator = list(at.selectbox)[:4]
    assert profession.value == "medecin_generaliste" and profession.options[0] == "Médecins généralistes"
    assert region.value == "52" and dep.value == "85" and indicator.value == "APL 2023"
    table = at.dataframe[0].value
    assert list(table["Territoire"]) == ["Sélection", "Région Pays de la Loire", "France"]
    assert table.loc[2, "APL moyenne (pondérée)"] == "3,74"


def test_map_page_changes_with_department(data_dir):
    at = run("pages/carte_apl.py")
    vendee = at.dataframe[0].value.loc[0, "Communes sous 2,5"]
    at.selectbox[2].set_value("44").run()
    assert not at.exception
    assert at.dataframe[0].value.loc[0, "Communes sous 2,5"] != vendee


def test_map_page_says_mayotte_has_no_apl(data_dir):
    at = run("pages/carte_apl.py")
    assert "Mayotte" not in at.selectbox[1].options  # a region with no published APL is not offered
    assert "Guadeloupe" in at.selectbox[1].options
    assert any("pas d'APL pour Mayotte" in c.value for c in at.caption)


def test_sources_page_lists_every_dataset_with_licence(data_dir):
    at = run("pages/sources.py")
    text = "\n".join(md.value for md in at.markdown)
    for word in ("DREES", "Licence Ouverte", "FINESS", "ARS Provence-Alpes-Côte d'Azur", "Etalab"):
        assert word in text


def test_app_explains_bad_raw_data_without_traceback(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SANTECARTE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SANTECARTE_RAW_DIR", str(tmp_path / "vide"))
    at = run("pages/carte_apl.py")
    assert "La base n'a pas pu être construite" in at.error[0].value
    assert "fichier manquant" in at.error[0].value
    assert str(tmp_path) not in at.error[0].value  # the server's folder stays in the terminal and the log
    assert not at.title  # the page stops before drawing anything


def test_map_page_opens_from_a_link(data_dir):
    at = run("pages/carte_apl.py", region="11", departement="75", indicateur="APL 2022")
    assert [sb.value for sb in at.selectbox][1:4] == ["11", "75", "APL 2022"]
    assert at.dataframe[0].value.loc[0, "Communes sous 2,5"].endswith("/ 20")  # Paris: 20 arrondissements
    at.selectbox[2].set_value("93").run()
    assert at.selectbox[2].value == "93" and at.query_params["departement"] in ("93", ["93"])
    at.selectbox[3].set_value("APL 2023").run()
    assert [sb.value for sb in at.selectbox][1:4] == ["11", "93", "APL 2023"]


def test_map_page_explains_a_bad_link(data_dir):
    at = run("pages/carte_apl.py", region="<script>alert(1)</script>", departement="' OR 1=1 --")
    assert not at.exception
    assert "Région inconnue dans le lien" in at.warning[0].value
    assert [sb.value for sb in at.selectbox][1:3] == ["52", "85"]


def test_map_page_figures_follow_the_indicator(data_dir):
    at = run("pages/carte_apl.py", region="11", departement="93")
    all_gps = at.dataframe[0].value.loc[0, "APL moyenne (pondérée)"]
    at.selectbox[3].set_value("APL 2023 — généralistes de 65 ans ou moins").run()
    assert at.dataframe[0].value.loc[0, "APL moyenne (pondérée)"] != all_gps
    ours = [o for o in at.selectbox[3].options if o.startswith("APL SantéCarte")][0]
    at.selectbox[3].set_value(ours).run()
    assert not at.exception
    assert list(at.dataframe[0].value["Territoire"]) == ["Sélection", "Région Île-de-France"]
    assert any("voisinage de 20 minutes" in i.value for i in at.info)


def test_our_apl_says_where_it_is_not_computed(data_dir):
    at = run("pages/carte_apl.py", indicateur="APL SantéCarte 2023 — calculée sur les lieux d'exercice RPPS")
    assert [sb.value for sb in at.selectbox][1:3] == ["52", "85"]
    assert any("Île-de-France (RPPS, août 2023)" in i.value for i in at.info)
    assert not [d for d in at.dataframe if "Territoire" in d.value.columns]  # no figure made up for the Vendée


def test_every_indicator_renders(data_dir):
    from santecarte.domain.indicators import INDICATORS

    at = run("pages/carte_apl.py", region="11", departement="95")
    for indicator in INDICATORS:
        at.selectbox[3].set_value(indicator.label).run()
        assert not at.exception, indicator.label


def test_whole_france_by_department(data_dir):
    at = run("pages/carte_apl.py", region="FR")
    ranking = at.dataframe[-1].value
    assert len(ranking) == 101 and ranking.iloc[0]["APL 2023"] < ranking.iloc[-2]["APL 2023"]
    assert list(at.dataframe[0].value["Territoire"]) == ["France"]
    assert any("976" in i.value for i in at.info)  # Mayotte: no value, said so


def test_ranking_filters_by_epci(data_dir):
    at = run("pages/carte_apl.py", region="52", departement="85")
    everyone = len(at.dataframe[-1].value)
    epci = [o for o in at.selectbox[5].options if "Challans" in o][0]
    at.selectbox[5].set_value(epci).run()
    assert 0 < len(at.dataframe[-1].value) < everyone
    assert "Beauvoir-sur-Mer" in set(at.dataframe[-1].value["Nom"])


def test_cpts_page_paca_map_coverage_and_card(data_dir):
    at = run("pages/cpts.py")
    assert at.selectbox[0].value == "93"
    coverage = at.dataframe[0].value
    assert list(coverage["Code"]) == ["04", "05", "06", "13", "83", "84", ""]
    assert coverage.iloc[-1]["Communes"] == 946 + 15  # Marseille counted by its 16 arrondissements
    assert len(at.selectbox[1].options) == 70
    card = at.dataframe[1].value
    assert list(card.columns) == ["Territoire", "APL moyenne 2023", "Part de la population sous 2,5 (%)"]
    assert card.iloc[0]["Territoire"] == at.selectbox[1].options[at.selectbox[1].index]  # the CPTS, not « Territoire »
    assert card.iloc[0]["Part de la population sous 2,5 (%)"].replace(",", "").isdigit()  # « 12,3 », no « % » sign
    assert at.query_params["region"] == "93" and at.query_params["cpts"] == at.selectbox[1].value


def test_cpts_page_opens_from_a_link_and_keeps_it(data_dir, con):
    cpts_id, nom = con.execute("SELECT cpts_id, nom FROM cpts WHERE region_code = '93' ORDER BY nom DESC LIMIT 1").fetchone()
    at = run("pages/cpts.py", region="93", cpts=cpts_id)
    assert at.selectbox(key="cpts_choisie").value == cpts_id and not at.warning
    assert at.dataframe[1].value.iloc[0]["Territoire"] == nom
    alone = run("pages/cpts.py", cpts=cpts_id)  # the CPTS alone opens its region
    assert alone.selectbox(key="cpts_region").value == "93" and alone.selectbox(key="cpts_choisie").value == cpts_id
    other = sorted(con.execute("SELECT cpts_id FROM cpts WHERE region_code = '93'").fetchall())[0][0]
    at.selectbox(key="cpts_choisie").set_value(other).run()
    assert at.query_params["cpts"] == other


def test_cpts_card_chart_reads_in_french(data_dir):
    """The card's chart: the first bar is the CPTS; the 2.5 line lies over the APL bars only
    (left axis), never across the % bars; round ticks; French separators and hovers."""
    import json

    at = run("pages/cpts.py")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    apl, share = fig["data"][0], fig["data"][1]
    name = at.selectbox[1].options[at.selectbox[1].index]
    assert apl["x"][0].replace("<br>", " ") == name and "Territoire" not in apl["x"]
    layout = fig["layout"]
    assert layout["separators"] == ", "
    shapes = layout["shapes"]
    assert len(shapes) == len(apl["x"])
    for i, shape in enumerate(shapes):  # a segment over bar i of the APL group: [i - 0.4, i]
        assert shape["yref"] == "y" and shape["xref"] == "x" and shape["y0"] == shape["y1"] == 2.5
        assert i - 0.4 <= shape["x0"] < shape["x1"] <= i
    assert any(t.get("name") == "Seuil de 2,5 (APL)" for t in fig["data"])  # the line is named
    assert layout["yaxis"]["tickformat"] == ".0f" and layout["yaxis2"]["tickformat"] == ".0f"
    assert layout["yaxis2"]["ticksuffix"] == " %"
    assert "APL moyenne 2023 : %{y:.2f}" in apl["hovertemplate"]
    assert "Part de la population sous 2,5 : %{y:.1f} %" in share["hovertemplate"]


@pytest.mark.parametrize("query, message", [
    ({"region": "<b>99</b>"}, "Région inconnue dans le lien : « <b>99</b> »"),
    ({"region": "93", "cpts": "PACA-999"}, "CPTS inconnue dans le lien : « PACA-999 »"),
    ({"region": "52", "cpts": "PACA-01"}, "CPTS inconnue dans le lien : « PACA-01 »"),
])
def test_cpts_page_explains_a_bad_link(data_dir, query, message):
    at = run("pages/cpts.py", **query)
    assert any(message in w.value.replace("\\", "") for w in at.warning), [w.value for w in at.warning]


def test_cpts_page_says_when_a_region_has_no_cpts(data_dir):
    at = run("pages/cpts.py")
    at.selectbox[0].set_value("52").run()
    assert not at.exception
    assert "Aucun périmètre de CPTS n'est disponible pour la région Pays de la Loire" in at.warning[0].value


def test_cpts_diagnostic_of_a_partial_perimeter(data_dir, con):
    at = run("pages/cpts.py")
    preset = con.execute("SELECT cpts_id FROM cpts WHERE nom = 'CPTS Loire Vendée Océan'").fetchone()[0]
    assert any("Loire Vendée Océan — périmètre partiel" in o for o in at.selectbox[2].options)
    at.selectbox[2].set_value(preset).run()
    assert not at.exception
    assert any("PARTIEL" in i.value or "partiel" in i.value for i in at.info)
    assert any(m.label == "Communes" and m.value == "16" for m in at.metric)


def test_installer_page_by_link_shows_zonage_and_the_profile_aids(data_dir):
    at = run("pages/installer.py", profil="etudiant", code="85018")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Zonage médecins — indicatif, non réglementaire"] == "ZAC"
    assert metrics["APL 2023"] == "3,13"
    aids = [md.value for md in at.markdown if md.value.startswith("**")]
    assert len(aids) == 1 and "CESP" in aids[0]
    at.radio(key="profil").set_value("installation").run()
    aids = [md.value for md in at.markdown if md.value.startswith("**")]
    assert any("primo-installation en ZAC" in a for a in aids) and not any("en ZIP" in a for a in aids)
    assert any("Vérifiez auprès de l'ARS et de la CPAM" in i.value for i in at.info)


def test_installer_page_search_messages(data_dir):
    at = run("pages/installer.py")
    assert any("Tapez le nom d'une commune" in i.value for i in at.info)
    at.text_input(key="commune_texte").set_value("zzqx").run()
    assert any("Aucune commune ne correspond à « zzqx »" in w.value for w in at.warning)
    at.text_input(key="commune_texte").set_value("beauvoir sur mer").run()
    assert at.selectbox(key="commune_choix").value == "85018"
    bad = run("pages/installer.py", code="<b>99999</b>")
    assert any("Commune inconnue dans le lien" in w.value for w in bad.warning)


def test_installer_page_compares_two_communes(data_dir):
    at = run("pages/installer.py")
    at.button_group(key="vue").set_value("Comparer des communes").run()
    for text in ("85018", "challans"):
        at.text_input(key="comparer_texte").set_value(text).run()
        at.button[0].click().run()
    table = at.dataframe[-1].value
    assert list(table.columns) == ["Beauvoir-sur-Mer (85018)", "Challans (85047)"]
    assert table.loc["Zonage médecins", "Challans (85047)"] == "ZAC — indicatif, non réglementaire"


def test_profile_page_by_link(data_dir):
    at = run("pages/profil.py", code="85018")
    assert at.header[0].value == "Beauvoir-sur-Mer (85018)"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["APL 2023"] == "3,13"
    assert metrics["Population légale (INSEE 2023, en vigueur en 2026)"] == "4\u202f035"
    assert any("77 % des communes du département" in md.value for md in at.markdown)
    assert any("CPTS Loire Vendée Océan" in md.value for md in at.markdown)


@pytest.mark.parametrize("code, header, message", [
    ("49149", "Gennes-Val-de-Loire (49261)", "ancienne commune, fusionnée"),
    ("75056", "Paris (75056)", "arrondissement par arrondissement"),
    ("97601", "Acoua (97601)", "pas d'APL pour Mayotte"),
])
def test_profile_page_edge_cases(data_dir, code, header, message):
    at = run("pages/profil.py", code=code)
    assert at.header[0].value == header
    assert any(message in i.value for i in at.info)


def test_profile_page_bad_link_and_search(data_dir):
    at = run("pages/profil.py", code="<script>x</script>")
    assert any("Commune inconnue dans le lien" in w.value for w in at.warning) and not at.header
    at.text_input(key="elu_texte").set_value("marseille").run()
    assert at.selectbox(key="elu_choix").value == "13055"  # the city itself, then its arrondissements
    assert at.header[0].value == "Marseille (13055)"


def test_simulation_page_preset_and_placement(data_dir):
    at = run("pages/simulation.py")
    assert at.metric[0].label == "APL moyenne du territoire" and not at.metric[0].delta  # no change yet
    at.selectbox[0].set_value("Permanence ESCoRTer").run()
    at.button[0].click().run()
    assert not at.exception
    assert any("une permanence de 2 demi" in i.value for i in at.info)  # the preset's assumptions
    assert any("Préfecture de la Vendée" in i.value and "Projet CNR Santé ESCoRTer" in i.value
               for i in at.info)  # and the real case it stands on (shown escaped: no markdown)
    assert float(at.metric[0].delta.replace(",", ".")) > 0  # a permanence raises the mean APL
    observed = at.dataframe[-1].value
    assert set(observed["Code INSEE"]) == {"85018", "85012", "85095"}
    assert "scenario" in at.query_params
    next(b for b in at.button if b.label == "Calculer le placement").click().run()
    picks = next(d.value for d in at.dataframe if "Étape" in d.value.columns)
    assert len(picks) == 3 and picks["Code INSEE"].str.startswith("85").all()


def test_simulation_page_opens_a_linked_scenario_or_says_why_not(data_dir):
    from santecarte.domain.scenario_file import Scenario, Step

    link = Scenario("Lien", "departement:85", 2022, [Step("85018", "depart", 2, 2)]).to_url()
    at = run("pages/simulation.py", scenario=link)
    assert any("Scénario ouvert depuis le lien" in i.value for i in at.info)
    assert float(at.metric[0].delta.replace(",", ".")) < 0
    bad = run("pages/simulation.py", scenario="<script>alert(1)</script>")
    assert any("Le scénario du lien n'a pas pu être ouvert" in e.value for e in bad.error)


def test_simulation_page_on_a_drawn_set_of_communes(data_dir):
    at = run("pages/simulation.py")
    at.radio(key="sim_kind").set_value("Communes choisies").run()
    assert any("Choisissez les communes du territoire" in i.value for i in at.info)
    at.multiselect(key="sim_communes").set_value(["85018", "85047", "85095"]).run()
    assert not at.exception
    next(b for b in at.button if b.label == "Calculer le placement").click().run()
    picks = next(d.value for d in at.dataframe if "Étape" in d.value.columns)
    assert set(picks["Code INSEE"]) <= {"85018", "85047", "85095"}


def _shown(frame) -> list[str]:
    return [str(v) for v in frame.to_numpy().ravel()]


def test_simulation_tables_are_french(data_dir):
    """The result and the published change: French headers, French numbers (APL 2 decimals,
    changes 3 as the metric's delta), oui / non (voisine), never None, NaN, True or False."""
    from santecarte.domain.scenario_file import Scenario, Step

    link = Scenario("x", "departement:85", 2023, [Step("85018", "arrivee", 1), Step("85047", "depart", 1, 2)]).to_url()
    at = run("pages/simulation.py", scenario=link)
    result = next(d.value for d in at.dataframe if "Seuil de 2,5" in d.value.columns)
    assert list(result.columns) == ["Commune", "Code INSEE", "APL 2023 avant", "APL 2023 après", "Variation",
                                    "Seuil de 2,5", "Dans le territoire", "Population DREES 2023",
                                    "Population standardisée DREES 2023"]
    shown = _shown(result)
    assert not {"None", "nan", "NaN", "True", "False"} & set(shown)
    assert all("," in v and len(v.split(",")[1]) == 3 for v in result["Variation"])
    assert all(len(v.split(",")[1]) == 2 for v in result["APL 2023 avant"])
    assert set(result["Dans le territoire"]) <= {"oui", "non (voisine)"}
    observed = next(d.value for d in at.dataframe if "Variation publiée" in d.value.columns)
    assert not {"None", "nan", "True", "False"} & set(_shown(observed))


def test_simulation_says_which_travel_times_under_the_result_and_the_placement(data_dir):
    """Hautes-Alpes, all in zone de montagne: the line under the scenario's result and under the
    placement says the times are modelled there; none before a change (the DREES APL alone)."""
    from santecarte.domain.scenario_file import Scenario, Step

    def lines(at):
        return [c.value for c in at.caption if c.value.startswith("Temps de trajet")]

    assert lines(run("pages/simulation.py")) == []
    link = Scenario("x", "departement:05", 2023, [Step("05023", "arrivee", 1)]).to_url()
    at = run("pages/simulation.py", scenario=link)
    [line] = lines(at)
    assert "162 commune(s) en zone de montagne : sur des trajets routés de montagne" in line
    assert "écart médian du modèle est de 3 minutes et 86 %" in line
    next(b for b in at.button if b.label == "Calculer le placement").click().run()
    assert lines(at) == [line, line]
    vendee = Scenario("x", "departement:85", 2023, [Step("85018", "arrivee", 1)]).to_url()
    [line] = lines(run("pages/simulation.py", scenario=vendee))
    assert line.startswith("Temps de trajet modélisés") and "montagne" not in line


@pytest.mark.parametrize("steps, message", [
    ([("85018", "arrivee", -5, None)], "Ligne 1 : quantité négative (-5) refusée"),
    ([("85018", "arrivee", 1, None), ("85047", "depart", 1, -2)], "Ligne 2 : nombre de médecins déclarés négatif (-2)"),
])
def test_simulation_refuses_negative_values_by_line(data_dir, steps, message):
    from santecarte.domain.scenario_file import Scenario, Step

    link = Scenario("x", "departement:85", 2023, [Step(*s) for s in steps]).to_url()
    at = run("pages/simulation.py", scenario=link)
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(message in w for w in warnings), warnings
    assert not at.metric[0].delta  # the change is not computed


@pytest.mark.parametrize("path", ["pages/installer.py", "pages/profil.py"])
def test_a_commune_without_contour_is_said_plainly(data_dir, path):
    """Celles (15031), re-created in 2025: no contour and no APL in the snapshots."""
    at = run(path, code="15031")
    messages = [m.value for m in [*at.warning, *at.info]]
    assert any("contour" in m or "APL" in m for m in messages), messages
