"""« Profil de commune »: the figures of a profile on the real database (a commune, Paris as a
city and by arrondissement, APL 0, overseas, Mayotte, a merged commune) and its PDF."""
import io

import pytest

from santecarte.domain import profile as P
from santecarte.views.report import profile_pdf


def make(con, raw):
    code, notices = P.commune_code(con, raw)
    return P.build(con, code, notices)


def test_resolve_current_former_and_unknown_codes(con):
    assert P.commune_code(con, "85018") == ("85018", [])
    assert P.commune_code(con, " 2a004 ") == ("2A004", [])
    code, notices = P.commune_code(con, "49149")
    assert code == "49261" and "49149" in notices[0] and "Gennes-Val-de-Loire" in notices[0]
    for raw in ("99999", "<b>1</b>", "", "85018' OR 1=1 --"):
        with pytest.raises(P.UnknownCommune):
            P.commune_code(con, raw)


def test_beauvoir_sur_mer(con):
    p = make(con, "85018")
    assert p.apl == {2022: pytest.approx(3.311), 2023: pytest.approx(3.13)}
    assert p.besoin == pytest.approx(1.157, abs=0.001) and p.population == 4035
    assert p.zonage == "ZAC — indicatif, non réglementaire" and p.cpts == "CPTS Loire Vendée Océan"
    dep = p.ranks.set_index(["niveau", "year"]).loc[("departement", 2023)]
    assert (dep["n_inferieur"], dep["n"]) == (196, 253)
    france = p.trend.set_index(["territoire", "year"]).loc[("France", 2023), "apl"]
    assert france == pytest.approx(3.745, abs=0.001)
    assert "77 % des communes du département ont une APL 2023 plus basse (196 sur 253)" in P.rank_sentences(p)
    ranks = P.rank_table(p).set_index(["niveau", "year"])["percent"]
    assert ranks[("Département", 2023)] == pytest.approx(100 * 196 / 253) and len(ranks) == 6
    assert p.area["is_self"].sum() == 1 and "85047" in set(p.neighbours["code"])  # Challans
    assert len(p.outline()["features"]) == 1
    assert "MSP CASSIOPEE" in set(p.msp["nom"])


def test_paris_as_a_city_follows_the_drees_rule(con):
    p = make(con, "75056")
    expected = con.execute("SELECT sum(apl * pop_std) / sum(pop_std) FROM apl_generalistes WHERE year = 2023 AND code LIKE '751__'"
                           ).fetchone()[0]
    assert p.is_city and len(p.units) == 20 and p.apl[2023] == pytest.approx(expected, rel=1e-12)
    assert len(p.neighbours) == 20 and set(p.neighbours["code"]) == set(p.units)
    assert any("arrondissement par arrondissement" in n for n in p.notices)
    assert p.zonage == ("hors zonage (HZ) — indicatif, non réglementaire (14 arrondissements); "
                        "ZAC — indicatif, non réglementaire (6 arrondissements)")  # « HZ » said in words
    arrondissement = make(con, "75101")
    assert not arrondissement.is_city and arrondissement.apl[2023] == pytest.approx(6.545)


def test_apl_zero_overseas_and_mayotte(con):
    maripasoula = make(con, "97353")
    assert maripasoula.apl[2023] == 0
    assert "0 % des communes du département ont une APL 2023 plus basse (0 sur 22)" in P.rank_sentences(maripasoula)
    reunion = make(con, "97411")
    assert {"La Réunion (département)", "La Réunion (région)"} <= set(reunion.trend["territoire"])
    mayotte = make(con, "97601")
    assert not mayotte.has_apl and P.rank_sentences(mayotte) == []
    assert any("Mayotte" in n for n in mayotte.notices)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # table cells wrap: compare with single spaces


def test_pdf_holds_the_figures_and_renders(con, artifacts):
    import pypdfium2 as pdfium

    data = profile_pdf(make(con, "85018"))
    assert data[:5] == b"%PDF-"
    text = pdf_text(data)
    for expected in ("Beauvoir-sur-Mer (85018)", "APL 2023", "3,13", "3,31", "CPTS Loire Vendée Océan", "Challans",
                     "77 % des communes du département", "indicatif, non réglementaire", "DREES"):
        assert expected in text, expected
    page = pdfium.PdfDocument(data)[0].render(scale=1.5).to_pil().convert("L")
    page.save(artifacts / "profil_85018_page1.png")
    dark = sum(page.histogram()[:200]) / (page.width * page.height)
    assert 0.03 < dark < 0.6  # text, tables and the chart drawn; not a blank page


def test_pdf_of_mayotte_and_of_a_name_with_markup(con):
    p = make(con, "97601")
    assert "La DREES ne publie pas d'APL pour Mayotte" in pdf_text(profile_pdf(p))
    p.nom = "<b>Bourg</b> & <i>Fils</i>"  # reportlab Paragraphs read markup: names are escaped
    assert "<b>Bourg</b> & <i>Fils</i>" in pdf_text(profile_pdf(p))


def test_paris_lists_its_arrondissements_by_number_and_compares_with_region_and_france(con):
    p = make(con, "75056")
    assert list(p.neighbours["code"]) == [f"751{k:02d}" for k in range(1, 21)]  # 1er … 20e, not 10e after 1er
    assert list(p.msp["commune_code"]) == sorted(p.msp["commune_code"])
    sentences = P.rank_sentences(p)
    assert len(sentences) == 2 and not any("du département" in s for s in sentences)  # not its own arrondissements
    assert set(P.rank_table(p)["niveau"]) == {"Région", "France"}
    text = pdf_text(profile_pdf(p))
    assert "plus proches sur" not in text  # no travel time inside the city: nothing to be « nearest »
    order = [text.index(f"Paris {n} Arrondissement") for n in ("1er", "2e", "9e", "10e", "20e")]
    assert order == sorted(order)
    assert "dans l'ordre de leur numéro" in text and "chaque arrondissement de Paris, Lyon et Marseille" in text
    assert "comptés par arrondissement" in text
    lyon = make(con, "69123")
    assert list(lyon.neighbours["code"]) == [f"6938{k}" for k in range(1, 10)]


def test_neighbours_table_as_the_page_shows_it(con):
    near = P.neighbours_display(make(con, "85018")).set_index("Commune")
    assert list(near.columns) == ["Code", "Minutes (estimées)", "APL 2022", "APL 2023"]
    assert list(near.loc["Bois-de-Céné"]) == ["85024", "14", "3,66", "3,29"]
    paris = P.neighbours_display(make(con, "75056"))
    assert list(paris.columns) == ["Arrondissement", "Code", "APL 2022", "APL 2023"] and len(paris) == 20


def test_population_says_which_one(con):
    p = make(con, "85018")
    assert p.population == 4035 and p.population_apl == {2022: 3887, 2023: 3876}
    note = P.population_note(p)
    assert "Population légale (INSEE 2023, en vigueur en 2026)" in note
    assert "3\u202f887 en 2022" in note and "Simulation" in note
    assert "Population légale (INSEE 2023, en vigueur en 2026) 4" in pdf_text(profile_pdf(p))


def test_page_and_pdf_write_the_same_numbers_and_no_none(data_dir, con):
    """Bois-de-Céné's APL 2022 is 3.655: « 3,66 » on the page's neighbours table and in the PDF
    (pandas .round gave 3.66 / a float 3,65); no None/nan in a table of Paris or Mayotte."""
    from tests.integration.test_pages import run

    at = run("pages/profil.py", code="85018")
    near = at.dataframe[-1].value.set_index("Commune")
    assert near.loc["Bois-de-Céné", "APL 2022"] == "3,66" and near.loc["Bois-de-Céné", "Minutes (estimées)"] == "14"
    assert "Bois-de-Céné 85024 14 3,66 3,29" in pdf_text(profile_pdf(make(con, "85018")))
    for code in ("75056", "97601", "13055"):
        at = run("pages/profil.py", code=code)
        for frame in at.dataframe:
            cells = frame.value.astype(str).to_numpy().ravel()
            assert not {"None", "nan", "NaN", "<NA>", "True", "False"} & set(cells), (code, frame.value.columns)
    paris = run("pages/profil.py", code="75056")
    arrondissements = paris.dataframe[-1].value
    assert list(arrondissements["Code"]) == [f"751{k:02d}" for k in range(1, 21)]
    assert "Minutes (estimées)" not in arrondissements.columns
    assert any("dans l'ordre de leur numéro" in c.value for c in paris.caption)
    assert not any("du département" in md.value for md in paris.markdown)


def test_travel_times_line_under_the_neighbours_on_page_and_pdf(data_dir, con):
    """Chamonix (zone de montagne): the page's caption under « Communes à moins de 20 minutes »
    and the PDF say the times are modelled there and how far off the model was; Beauvoir-sur-Mer
    gets the model's sentence without the mountain part; Paris, listed without travel time, none."""
    from tests.integration.test_pages import run

    chamonix = make(con, "74056")
    assert "Commune en zone de montagne : sur des trajets routés de montagne" in chamonix.times_notice
    assert "écart médian du modèle est de 3 minutes et 86 %" in chamonix.times_notice
    at = run("pages/profil.py", code="74056")
    assert at.main.caption[-1].value == chamonix.times_notice  # the last line, under the neighbours
    assert " ".join(chamonix.times_notice.split()) in pdf_text(profile_pdf(chamonix))
    beauvoir = run("pages/profil.py", code="85018").main.caption[-1].value
    assert beauvoir.startswith("Temps de trajet modélisés (distance à vol d'oiseau") and "montagne" not in beauvoir
    assert "Temps de trajet modélisés" in pdf_text(profile_pdf(make(con, "85018")))
    paris = make(con, "75056")
    assert paris.times_notice == "" and "Temps de trajet modélisés" not in pdf_text(profile_pdf(paris))


def test_a_commune_the_model_isolates_says_why_and_how_far_to_trust_it(data_dir, con):
    """Saint-Denis de La Réunion: no neighbour within 20 minutes by the model (its maximum altitude
    is a summit above the coast); the page and the PDF say what may cause it, no « les plus
    proches d'abord » under an empty list, and the travel line says its times come out too slow.
    Corte (Corsica, not in the zone de montagne list) gets the relief caveat too."""
    from santecarte.domain.profile import NO_NEIGHBOUR
    from tests.integration.test_pages import run

    saint_denis = make(con, "97411")
    assert saint_denis.neighbours.empty
    at = run("pages/profil.py", code="97411")
    assert NO_NEIGHBOUR in [md.value for md in at.main.markdown]
    assert not any(c.value.startswith("Les plus proches d'abord") for c in at.main.caption)
    assert "La Réunion) en sort avec des temps surestimés" in saint_denis.times_notice
    text = pdf_text(profile_pdf(saint_denis))
    assert " ".join(NO_NEIGHBOUR.split()) in text and "plus proches d'abord" not in text
    corte = make(con, "2B096")
    assert not corte.neighbours.empty
    assert "Commune de Corse ou d'outre-mer hors de la liste des zones de montagne" in corte.times_notice


def test_zonage_reliability_only_beside_an_indicative_zonage(con):
    """Measured by the app on the official zonage it holds (PACA): 68 % agreement, ZIP precision
    61 %, recall 64 %; none for a commune whose zonage is official."""
    beauvoir = P.build(con, "85018")
    assert "indicatif" in beauvoir.zonage
    assert "(961 communes : PACA, données ouvertes)" in beauvoir.zonage_reliability
    assert "pour 68 % des communes ; 61 % des communes qu'il classe en ZIP" in beauvoir.zonage_reliability
    assert "retrouve 64 % des ZIP officielles" in beauvoir.zonage_reliability
    assert P.build(con, "04070").zonage_reliability is None  # Digne-les-Bains: official (PACA)


def test_department_rows_handed_in_give_the_same_profile(con):
    """The page hands build() its cached department rows; rows of another department are not
    trusted (Digne-les-Bains' official zonage stays, Marseille's CPTS too)."""
    from santecarte.core import db

    for code, dep, other in (("04070", "04", "85"), ("13055", "13", "04")):
        alone = P.build(con, code)
        for rows in (db.query(con, "territory_communes", level="departement", code=dep),
                     db.query(con, "territory_communes", level="departement", code=other)):
            given = P.build(con, code, rows=rows)
            assert (given.zonage, given.cpts, given.gp_sites) == (alone.zonage, alone.cpts, alone.gp_sites)
    assert "officiel" in P.build(con, "04070", rows=db.query(con, "territory_communes", level="departement",
                                                              code="85")).zonage
