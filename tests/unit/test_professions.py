"""The five professions' labels, units and classes (issue #17): no two professions on one scale."""
from santecarte.core.professions import GP, PROFESSIONS
from santecarte.domain.professions import caption, quintile_class, value_text


def test_each_profession_names_its_own_unit():
    assert value_text(PROFESSIONS[GP], 3.13) == "3,13 consultations/hab./an"
    assert value_text(PROFESSIONS["infirmier"], 156.066) == "156,07 ETP/100 000 hab."
    assert value_text(PROFESSIONS["sage_femme"], 19.72) == "19,72 ETP/100 000 femmes"
    assert value_text(PROFESSIONS["chirurgien_dentiste"], None) == "pas d'APL publiée"


def test_caption_names_profession_unit_year_and_source():
    text = caption(PROFESSIONS["masseur_kinesitherapeute"], 2021)
    assert "2021" in text and "masseurs-kinésithérapeutes" in text and "ETP" in text and "DREES" in text
    assert "65 ans et moins" in caption(PROFESSIONS[GP], 2023, "moins65")


def test_quintile_class_from_the_lowest_to_the_highest_fifth():
    bounds = [71.4, 93.4, 119.9, 160.3]
    assert [quintile_class(v, bounds) for v in (10, 71.4, 100, 119.8, 200)] == [1, 2, 3, 3, 5]
    assert quintile_class(None, bounds) is None and quintile_class(float("nan"), bounds) is None
