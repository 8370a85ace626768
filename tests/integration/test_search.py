"""Commune search (santecarte.domain.search, queries/commune_search.sql) on the real database: a cut
list says so, Paris, Lyon and Marseille list their arrondissements in number order, typos find
the commune, a code read two ways says so."""
from santecarte.domain.search import code_notes, count_text, search


def test_a_cut_list_says_how_many_match_in_all(con):
    found = search(con, "saint")
    assert len(found) == 12 and found["n_total"].max() > 4000
    assert count_text(found).startswith("12 premiers résultats sur ")
    assert "précisez" in count_text(found)
    assert count_text(search(con, "85230")) == "5 résultats"
    assert count_text(search(con, "85018")) == "Résultat"


def test_a_city_lists_its_arrondissements_in_number_order(con):
    paris = search(con, "Paris")
    assert list(paris["code"]) == [f"751{k:02d}" for k in range(1, 13)]  # 1er … 12e, not 15e, 20e, 18e…
    city = search(con, "paris", apl_only=False)
    assert list(city["code"][:3]) == ["75056", "75101", "75102"]
    assert list(search(con, "lyon")["code"][:9]) == [f"6938{k}" for k in range(1, 10)]
    assert list(search(con, "15e arrondissement marseille")["code"]) == []  # words in order, as before
    assert list(search(con, "marseille 15")["code"]) == ["13215"]


def test_a_city_code_gives_its_arrondissements(con):
    found = search(con, "75056")  # APL units only: the 20 arrondissements, none cut
    assert list(found["code"]) == [f"751{k:02d}" for k in range(1, 21)]
    assert any("choisissez un arrondissement" in n for n in code_notes(found))
    assert list(search(con, "75056", apl_only=False)["code"]) == ["75056"]


def test_typos_find_the_commune_after_exact_and_prefix_matches(con):
    for typed, code in (("beauvoir sur mr", "85018"), ("bovoir sur mer", "85018"), ("chalans", "85047"),
                        ("marseile", "13055"), ("saint etiene", "42218")):
        found = search(con, typed, apl_only=False)
        assert found["code"].iloc[0] == code, typed
        assert found["via"].iloc[0] == "orthographe proche"
        assert any("noms les plus proches" in n for n in code_notes(found))
    exact = search(con, "beauvoir sur mer")
    assert exact["code"].iloc[0] == "85018" and (exact["rank"] < 6).all()  # no close spellings mixed in
    assert search(con, "zzqx").empty


def test_a_postal_code_that_is_also_a_former_code_says_so(con):
    found = search(con, "85230")
    assert list(found["rank"]) == [1, 1, 1, 1, 2]  # the postal code's communes first
    assert found["code"].iloc[-1] == "85040"
    notes = code_notes(found)
    assert len(notes) == 1 and "code postal de 4 communes" in notes[0] and "La Caillère-Saint-Hilaire" in notes[0]


def test_every_page_accepts_the_profile_codes(data_dir):
    """/installer?code=75056 (Paris, accepted by the profile) offers the arrondissements; a
    former code leads to today's commune; unknown values are said with the right agreement."""
    from tests.integration.test_pages import run

    paris = run("pages/installer.py", code="75056")
    assert not any("inconnue" in w.value for w in paris.warning)
    choice = paris.selectbox(key="commune_choix")
    assert choice.options[0] == "Paris 1er Arrondissement (75) — 75101 · arrondissement de Paris"
    assert len(choice.options) == 20 and choice.value == "75101"
    assert any("choisissez un arrondissement" in c.value for c in paris.caption)
    former = run("pages/installer.py", code="49149")
    assert former.selectbox(key="commune_choix").value == "49261"
    assert any("ancienne commune" in i.value for i in former.info)
    bad = run("pages/carte_apl.py", indicateur="zzz", departement="zzz")
    warnings = [w.value for w in bad.warning]
    assert any(w.startswith("Indicateur inconnu dans le lien") for w in warnings)
    assert any(w.startswith("Département inconnu dans le lien") for w in warnings)
    assert not any("(e)" in w for w in warnings)


def test_the_picker_says_a_list_is_cut(data_dir):
    from tests.integration.test_pages import run

    at = run("pages/profil.py")
    at.text_input(key="elu_texte").set_value("paris").run()
    choice = at.selectbox(key="elu_choix")
    assert choice.label.startswith("12 premiers résultats sur ") and choice.value == "75056"
    assert choice.options[1].startswith("Paris 1er Arrondissement")
    at.text_input(key="elu_texte").set_value("beauvoir sur mr").run()
    assert at.selectbox(key="elu_choix").value == "85018"
    assert any("noms les plus proches" in c.value for c in at.caption)
