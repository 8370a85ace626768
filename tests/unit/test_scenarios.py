"""Scenario files and links that are malformed or edited by hand, and the editor's rows: read
without any database. Departures, arrivals and permanences on the DREES baseline, presets,
placement and checks against a territory are in tests/integration/test_scenarios.py."""
import json

import numpy as np
import pytest

from santecarte.domain import scenario_file as F


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
