import math

import pytest

from santecarte.core.codes import departement_of, normalize_commune_code, plm_city_of
from santecarte.core.names import search_key


@pytest.mark.parametrize("raw, expected", [
    ("85018", "85018"),
    (" 01001 ", "01001"),
    (1001, "01001"),          # a spreadsheet turned the code into a number
    (1001.0, "01001"),
    ("2a004", "2A004"),       # Corsica keeps its letter, upper-cased
    ("2B033", "2B033"),
    ("97101", "97101"),
    ("75115", "75115"),       # a Paris arrondissement is a code of its own
])
def test_normalize_valid_codes(raw, expected):
    assert normalize_commune_code(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "ABCDE", "2C004", "123456", 1001.5, math.nan, "85 018", "<script>"])
def test_normalize_rejects_non_codes(raw):
    assert normalize_commune_code(raw) is None


def test_department_of_drom_and_corsica():
    assert departement_of("97209") == "972"
    assert departement_of("2A004") == "2A"
    assert departement_of("01001") == "01"


def test_plm_city_of_arrondissements_only():
    assert plm_city_of("75101") == "75056"
    assert plm_city_of("75120") == "75056"
    assert plm_city_of("69389") == "69123"
    assert plm_city_of("13216") == "13055"
    assert plm_city_of("75056") is None
    assert plm_city_of("13217") is None
    assert plm_city_of("2A004") is None


def test_search_key_ignores_accents_case_and_punctuation():
    assert search_key("Beauvoir-sur-Mer") == "beauvoir sur mer"
    assert search_key("L'Île-d'Yeu") == "l ile d yeu"
    assert search_key("  SAINT-ÉTIENNE ") == "saint etienne"
