"""Scenarios on the real database: departures, arrivals and permanences on the DREES baseline,
presets, placement, and scenario files or links that are malformed or edited by hand."""
import json

import numpy as np
import pytest

from santecarte.domain import presets as P
from santecarte.domain import scenario_file as F
from santecarte.domain import simulation as S
from santecarte.domain.indicators import SOUS_DENSE


@pytest.fixture(scope="module")
def eng(con):
    return S.engine(con, 2023)


@pytest.fixture(scope="module")
def vendee(con):
    return S.territory_codes(con, "departement:85")


def test_departures_lower_the_commune_and_its_neighbours_and_raise_none(eng, vendee):
    table = S.run(eng, vendee, [F.Step("85018", "depart", 2, 4)]).set_index("code")
    assert table.loc["85018", "change"] < 0 and table.loc["85047", "change"] < 0  # Challans, 18 min away
    assert (table["change"] <= 0).all() and (table["change"] < 0).sum() > 5
    assert table.loc["85113", "change"] == 0  # L'Île-d'Yeu: no bridge
    assert table.loc["85018", "after"] == pytest.approx(table.loc["85018", "before"] + table.loc["85018", "change"])


def test_adding_then_removing_returns_the_original_values_exactly(eng, vendee):
    steps = [F.Step("85018", "arrivee", 2.5), F.Step("85018", "depart", 2.5, 3)]
    table = S.run(eng, vendee, steps)
    assert (table["change"] == 0).all() and table["after"].equals(table["before"])
    one_way = S.run(eng, vendee, steps[:1]).set_index("code")
    back = S.run(eng, vendee, steps[1:]).set_index("code")
    np.testing.assert_allclose(one_way["change"], -back.loc[one_way.index, "change"], rtol=0, atol=1e-15)


def test_a_permanence_of_ten_half_days_is_one_gp(eng, vendee):
    permanence = S.run(eng, vendee, [F.Step("85095", "permanence", 10)]).set_index("code")["change"]
    gp = S.run(eng, vendee, [F.Step("85095", "arrivee", 1)]).set_index("code")["change"]
    np.testing.assert_allclose(permanence, gp.loc[permanence.index], rtol=1e-12)


def test_summary_counts_crossings_of_the_threshold(eng, vendee):
    table = S.run(eng, vendee, [F.Step("85018", "depart", 3, 3), F.Step("85012", "depart", 2, 2)])
    s = S.summary(table)
    inside = table[table["in_territory"]]
    down = inside[(inside["before"] >= SOUS_DENSE) & (inside["after"] < SOUS_DENSE)]
    assert s["communes_dropped"] == len(down) > 0 and s["population_dropped"] == down["population"].sum()
    assert s["communes_lifted"] == 0 and s["apl_after"] < s["apl_before"]


@pytest.mark.parametrize("name", list(P.PRESETS))
def test_presets_load_and_run(con, name):
    scenario, note = P.PRESETS[name]
    codes = S.territory_codes(con, scenario.territory)
    assert {"85018", "85012", "85095"} <= set(codes) and len(codes) == 16  # the partial CPTS perimeter
    F.check(scenario, set(codes))
    table = S.run(S.engine(con, scenario.year), codes, scenario.steps).set_index("code")
    sign = -1 if scenario.steps[0].kind == "depart" else 1
    assert (sign * table.loc[["85018", "85012", "85095"], "change"] > 0).all()
    assert "Hypothèses" in note and "partiel" in note


def test_placement_first_pick_is_the_best_single_commune(eng, con):
    codes = S.territory_codes(con, "cpts:SEED-01")
    picks = S.placement(eng, codes, 3, "ecart")
    assert len(picks) == 3 and set(picks["code"]) <= set(codes)

    def gap(table):  # Σ population × shortfall under 2.5, over the territory, computed from run()
        t = table[table["in_territory"]]
        return float((t["population"] * np.maximum(0, SOUS_DENSE - t["after"])).sum())

    base = gap(S.run(eng, codes, []))
    gains = {c: base - gap(S.run(eng, codes, [F.Step(c, "arrivee", 1)])) for c in codes}
    best = max(gains, key=gains.get)
    assert picks.iloc[0]["code"] == best
    assert picks.iloc[0]["gap_filled"] == pytest.approx(gains[best], rel=1e-9)
    assert picks["gap_filled"].is_monotonic_decreasing
    steps = S.placement_steps(picks)
    assert sum(s.quantity for s in steps) == 3 and all(s.kind == "arrivee" for s in steps)


def test_scenario_file_and_link_round_trip():
    scenario = F.Scenario("Test <b>", "departement:85", 2022, [F.Step("85018", "depart", 2, 3),
                                                                F.Step("85095", "permanence", 4)])
    assert F.read(scenario.to_json().encode("utf-8")) == scenario
    assert F.read(scenario.to_url()) == scenario
    quantities = np.random.default_rng(1).random(F.MAX_STEPS)
    big = F.Scenario("x", "departement:85", 2023, [F.Step("85018", "arrivee", float(q)) for q in quantities])
    assert big.to_url() is None


def document(**changes):
    doc = {"version": 1, "name": "x", "territory": "departement:85", "year": 2023,
           "steps": [{"commune": "85018", "kind": "depart", "quantity": 1, "declared_fte": 2}]}
    doc.update(changes)
    return json.dumps(doc).encode()


def step(**changes):
    s = {"commune": "85018", "kind": "depart", "quantity": 1, "declared_fte": 2}
    s.update(changes)
    return document(steps=[s])


@pytest.mark.parametrize("data, message", [
    (document(version=2), "Version de scénario non prise en charge : « 2 »"),
    (document(version="1"), "Version de scénario non prise en charge"),
    (document(year=2031), "Année de référence inconnue"),
    (document(territory=None), "Territoire mal formé : « territory » doit être un texte .*, lu null"),
    (document(territory="85"), "Territoire mal formé : « 85 »"),
    (document(steps="85018"), "« steps » \\(liste des étapes\\) : liste \\[ … \\] attendue, lu un texte"),
    (document(year="2023"), "« year » .* nombre entier attendu \\(2022 ou 2023\\), lu un texte \\(« 2023 »\\)"),
    (document(year=True), "nombre entier attendu .* lu un booléen \\(true\\)"),
    (document(name=["a"]), "« name » \\(nom du scénario\\) : texte attendu, lu une liste"),
    (step(quantity=True), "Étape 1 : nombre attendu, lu un booléen"),
    (document(steps=[{"commune": "85018", "kind": "arrivee"}]), "Étape 1 : clé manquante : « quantity »"),
    (document(steps=[{"commune": 85018, "kind": "arrivee", "quantity": 1}]), "« commune » doit être un code INSEE"),
    (document(steps=[{"commune": "85018", "kind": "arrivee", "quantity": 1, "medecins": 2}]),
     "Étape 1 : clé inconnue : « medecins »"),
    (step(kind="démolition"), "type « démolition » inconnu"),
    (step(quantity="beaucoup"), "« beaucoup » n'est pas un nombre"),
    (step(quantity=float("nan")), "valeur non finie"),
    (b'{"version": 1, "steps": [', "JSON invalide, ligne 1, colonne 26 : une valeur est attendue"),
    (b'{"version": 1,\n "year": 2023\n "name": "x"}', "JSON invalide, ligne 3, colonne 2 : une virgule"),
    (b'{"version": 1,}', "ligne 1, colonne 15 : un nom de propriété entre guillemets doubles est attendu"),
    (b"\xff\xfe\x00binaire", "pas du texte UTF-8"),
    (b"[1, 2]", "pas un scénario SantéCarte : un objet JSON { … } est attendu, le fichier contient une liste"),
    (b" " * (F.MAX_FILE_BYTES + 1), "trop volumineux"),
    ("eNqtzDELwjAQBeC", "lien illisible"),
])
def test_malformed_scenarios_are_refused_in_french(data, message):
    with pytest.raises(F.ScenarioError, match=message) as err:
        F.read(data)
    assert not any(word in str(err.value) for word in ("None", "Expecting", "delimiter", "True", "False"))


def test_a_file_of_another_shape_is_told_what_is_wrong():
    """Another tool's JSON (other keys, no year) is told its keys, not « Année de référence
    inconnue : « None » »."""
    other = json.dumps({"nom": "Mon scénario", "territoire": "departement:85", "etapes": [], "version": 1}).encode()
    with pytest.raises(F.ScenarioError) as err:
        F.read(other)
    message = str(err.value)
    assert message.startswith("Le fichier n'est pas un scénario SantéCarte : clés manquantes : « name », "
                              "« territory », « year », « steps » ; clés inconnues : « nom », « territoire », "
                              "« etapes »"), message
    assert "None" not in message and "Année" not in message
    with pytest.raises(F.ScenarioError, match="clé manquante : « year »"):
        F.read(json.dumps({"version": 1, "name": "x", "territory": "departement:85", "steps": []}))


@pytest.mark.parametrize("data, message", [
    (step(commune="99999"), "Étape 1 : commune inconnue « 99999 »"),
    (step(commune="<script>alert(1)</script>"), "commune inconnue « <SCRIPT>AL »"),
    (step(commune="44109"), "commune inconnue « 44109 »"),  # Nantes: not in the territory
    (step(quantity=-2), "Étape 1 : quantité négative \\(-2\\) refusée"),
    (step(quantity=-0.5, kind="arrivee"), "Étape 1 : quantité négative \\(-0,5\\) refusée"),
    (step(declared_fte=-5), "Étape 1 : nombre de médecins déclarés négatif \\(-5\\) refusé"),
    (step(quantity=0), "quantité 0 hors limites"),
    (step(quantity=1e9), "quantité 1\u202f000\u202f000\u202f000 hors limites \\(plus de 0, au plus 100\\)"),
    (step(quantity=1.5, declared_fte=1.25), "Plus de départs \\(1,5 ETP\\) que de médecins déclarés \\(1,25\\)"),
    (step(kind="permanence", quantity=80), "quantité 80 hors limites"),
    (step(declared_fte=None), "indiquez combien de médecins"),
    (step(quantity=3, declared_fte=2), "Plus de départs \\(3 ETP\\) que de médecins déclarés \\(2\\)"),
])
def test_scenarios_that_cannot_be_simulated_are_refused(con, data, message):
    scenario = F.read(data)
    with pytest.raises(F.ScenarioError, match=message):
        F.check(scenario, set(S.territory_codes(con, scenario.territory)))


def test_the_page_names_the_editor_line(con):
    scenario = F.Scenario("x", "departement:85", 2023, [F.Step("85018", "arrivee", 1), F.Step("85047", "depart", -5, 2)])
    with pytest.raises(F.ScenarioError, match="^Ligne 2 : quantité négative \\(-5\\) refusée"):
        F.check(scenario, set(S.territory_codes(con, "departement:85")), row="Ligne")


def test_a_drawn_set_of_communes_is_a_territory(con, eng):
    codes = S.territory_codes(con, "communes:85018, 85047,85095,85018")
    assert codes == ["85018", "85047", "85095"]
    picks = S.placement(eng, codes, 2)
    assert set(picks["code"]) <= set(codes)
    with pytest.raises(F.ScenarioError, match="2 code\\(s\\) de commune inconnu\\(s\\).*75056, 99999"):
        S.territory_codes(con, "communes:85018,75056,99999")


def test_the_editor_rows_are_read_as_typed_in_french():
    import pandas as pd

    label = F.KINDS
    rows = pd.DataFrame({"commune": ["85018", "85047"], "type": [label["depart"], label["arrivee"]],
                         "quantity": ["1,5", " -5 "], "declared_fte": ["2", ""]})
    steps = F.editor_steps(rows)
    assert steps == [F.Step("85018", "depart", 1.5, 2.0), F.Step("85047", "arrivee", -5.0, None)]  # not clamped to 5
    with pytest.raises(F.ScenarioError, match="^Ligne 2 : quantité négative \\(-5\\) refusée"):
        F.check(F.Scenario("x", "departement:85", 2023, steps), {"85018", "85047"}, row="Ligne")


@pytest.mark.parametrize("row, message", [
    ({"commune": None}, "^Ligne 1 : choisissez la commune\\.$"),
    ({"type": None}, "^Ligne 1 : choisissez le type de changement\\.$"),
    ({"quantity": None}, "^Ligne 1 : indiquez la quantité"),
    ({"quantity": "beaucoup"}, "^Ligne 1 : « beaucoup » n'est pas un nombre\\.$"),
    ({"declared_fte": "deux"}, "^Ligne 1, médecins déclarés : « deux » n'est pas un nombre"),
])
def test_the_editor_names_the_line_of_an_empty_or_wrong_cell(row, message):
    import pandas as pd

    base = {"commune": "85018", "type": F.KINDS["depart"], "quantity": "1", "declared_fte": "2"}
    with pytest.raises(F.ScenarioError, match=message) as err:
        F.editor_steps(pd.DataFrame([{**base, **row}]))
    assert "None" not in str(err.value) and "nan" not in str(err.value)
