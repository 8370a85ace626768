"""The five primary-care professions on the CPTS card and the diagnostic (issue #17): one row per
profession, every figure with its own unit, the CPTS against its department, region and France;
the CPTS's value is the mean of its member communes weighted by standardised population (DREES
rule), checked here against SQL written by hand."""
import pytest

from santecarte.core import db
from santecarte.core.numbers import format_fr
from santecarte.core.professions import PROFESSIONS
from santecarte.domain.cpts import PROFESSIONS_TITLE, place_of, professions_caption, professions_display
from tests.integration.test_pages import run

LABELS = [p.label for p in PROFESSIONS.values()]
UNITS = dict((p.label, p.unit_short) for p in PROFESSIONS.values())


def cpts_row(con, nom):
    row = db.query(con, "cpts_list").set_index("nom").loc[nom]
    return row.name, list(row["codes"]), row["cpts_id"]


def by_hand(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


def professions_frame(at):
    frames = [t.value for t in at.table if "Profession" in t.value.columns]
    assert frames, "aucun tableau des cinq professions"
    return frames


def assert_units_everywhere(table, name):
    assert list(table["Profession"]) == LABELS
    for _, row in table.iterrows():
        unit = UNITS[row["Profession"]]
        for column in table.columns[2:]:
            assert row[column].endswith(unit), (row["Profession"], column, row[column])
            assert "None" not in row[column] and "nan" not in row[column]
    assert table.columns[2] == name


def test_cpts_value_is_the_weighted_mean_of_its_member_communes(con):
    nom, codes, cpts_id = cpts_row(con, "CPTS Antipolis")
    table = professions_display(con, codes, nom)
    assert list(table.columns) == ["Profession", "Année", nom, "Département Alpes-Maritimes",
                                   "Région Provence-Alpes-Côte d'Azur", "France"]
    assert list(table["Année"]) == ["2023", "2021", "2021", "2021", "2021"]
    for p, (_, row) in zip(PROFESSIONS.values(), table.iterrows()):
        year = max(p.years)
        mine = by_hand(con, """SELECT sum(a.apl * a.pop_std) / sum(a.pop_std)
                               FROM apl a JOIN cpts_communes m ON m.commune_code = a.code
                               WHERE m.cpts_id = ? AND a.profession = ? AND a.year = ? AND a.scope = ?""",
                       cpts_id, p.key, year, p.main_scope)
        dep = by_hand(con, """SELECT sum(a.apl * a.pop_std) / sum(a.pop_std)
                              FROM apl a JOIN communes c ON c.code = a.code
                              WHERE c.apl_unit AND c.departement_code = '06'
                                AND a.profession = ? AND a.year = ? AND a.scope = ?""", p.key, year, p.main_scope)
        assert mine is not None and dep is not None
        assert row[nom] == f"{format_fr(mine, p.decimals)} {p.unit_short}", p.key
        assert row["Département Alpes-Maritimes"] == f"{format_fr(dep, p.decimals)} {p.unit_short}", p.key
    # the published national means (DREES), with their units
    assert table.loc[0, "France"] == "3,74 consultations/hab./an"
    assert table.loc[1, "France"] == "156,07 ETP/100 000 hab."
    assert_units_everywhere(table, nom)


def test_a_cpts_over_several_departments_is_compared_with_its_most_populous_one(con):
    nom, codes, cpts_id = cpts_row(con, "CPTS Hauts pays du Verdon et Monts d'Azur")
    biggest = by_hand(con, """SELECT c.departement_code FROM cpts_communes m JOIN communes c ON c.code = m.commune_code
                              WHERE m.cpts_id = ? GROUP BY 1 ORDER BY sum(c.population) DESC LIMIT 1""", cpts_id)
    place = place_of(con, codes)
    assert place.departement_code == biggest and place.departements == ("04", "06", "83")
    assert place.note == (f"Ce périmètre s'étend sur 3 départements (04, 06, 83) : il est comparé à celui qui compte "
                          f"le plus d'habitants, {place.departement_nom} ({biggest}), et à sa région.")
    assert f"Département {place.departement_nom}" in professions_display(con, codes, nom, place).columns
    assert place_of(con, cpts_row(con, "CPTS Antipolis")[1]).note is None


def test_caption_names_source_vintages_and_units():
    text = professions_caption()
    assert text.startswith("Source : DREES, indicateurs APL — APL 2021, 2023 pour les médecins généralistes.")
    assert "Les unités diffèrent d'une profession à l'autre" in text
    assert "None" not in text


def test_cpts_card_in_paca_shows_the_five_professions_with_units(data_dir, con):
    nom, _, cpts_id = cpts_row(con, "CPTS Antipolis")
    at = run("pages/cpts.py", region="93", cpts=cpts_id)
    assert at.dataframe[1].value.iloc[0]["Territoire"] == nom  # the GP table stays where it was
    [table] = professions_frame(at)
    assert_units_everywhere(table, nom)
    assert list(table.columns[3:]) == ["Département Alpes-Maritimes", "Région Provence-Alpes-Côte d'Azur", "France"]
    assert any(md.value == f"**{PROFESSIONS_TITLE}**" for md in at.markdown)
    assert any(c.value == professions_caption() for c in at.caption)
    assert len(at.get("plotly_chart")) == 1  # no chart mixing professions: the GP chart alone


def test_cpts_card_says_when_it_spans_departments(data_dir, con):
    nom, _, cpts_id = cpts_row(con, "CPTS Hauts pays du Verdon et Monts d'Azur")
    at = run("pages/cpts.py", region="93", cpts=cpts_id)
    assert any("s'étend sur 3 départements (04, 06, 83)" in c.value for c in at.caption)
    [table] = professions_frame(at)
    assert_units_everywhere(table, nom)


@pytest.mark.parametrize("how", ["preset", "communes"])
def test_diagnostic_shows_the_five_professions(data_dir, con, how):
    at = run("pages/cpts.py")
    if how == "preset":
        preset = con.execute("SELECT cpts_id FROM cpts WHERE nom = 'CPTS Loire Vendée Océan'").fetchone()[0]
        at.selectbox[2].set_value(preset).run()
        name = "CPTS Loire Vendée Océan"
    else:
        at.multiselect[0].set_value(["85018", "85047"]).run()
        name = "Communes choisies"
    assert not at.exception
    tables = professions_frame(at)
    assert len(tables) == 2  # the CPTS of the map tab, then the diagnostic's perimeter
    assert_units_everywhere(tables[1], name)
    assert list(tables[1].columns[3:]) == ["Département Vendée", "Région Pays de la Loire", "France"]
