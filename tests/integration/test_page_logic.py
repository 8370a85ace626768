"""What the pages used to compute themselves, now in domain and views (issue #16): the DREES
headline figures of a territory (one function for the map page, the CPTS card and the commune
profile), a commune in two CPTS, the ranking's filters and notices. Real values, on the real
database; what needs none is in tests/unit/test_page_logic.py."""
import pytest

from santecarte.core import db
from santecarte.domain import profile as P
from santecarte.domain.communes import (
    commune_table,
    cpts_names,
    filter_options,
    filter_table,
    gp_density_text,
    indicator_notice,
    ranking_columns,
    ranking_display,
    sort_table,
)
from santecarte.domain.cpts import card_display, coverage_display, perimeter_card
from santecarte.domain.indicators import apl_change, evolution_delta, headline_scopes, headline_table, territory_summary

NNBSP = "\u202f"  # the thousands separator of format_fr


@pytest.fixture(scope="module")
def vendee(con):
    return commune_table(db.query(con, "territory_communes", level="departement", code="85"))


def test_france_and_vendee_figures_by_drees_rules(con):
    france = territory_summary(con, "france", "", 2023)
    assert france.n_communes == 34890 and france.n_communes_sous_seuil == 12832
    assert france.apl_moyen == pytest.approx(3.7446, abs=1e-4)
    assert france.population == 67408052 and france.population_sous_seuil == 11211535
    assert france.part_sous_seuil == pytest.approx(11211535 / 67408052)
    assert france.percent_sous_seuil == pytest.approx(100 * 11211535 / 67408052)
    vendee = territory_summary(con, "departement", "85", 2023)
    assert (vendee.n_communes, vendee.n_communes_sous_seuil) == (253, 119)
    assert vendee.apl_moyen == pytest.approx(2.9864, abs=1e-4)
    assert (vendee.population, vendee.population_sous_seuil) == (699459, 205366)
    # the same weighted mean as computed by hand from the APL table
    mean = con.execute("SELECT sum(a.apl * a.pop_std) / sum(a.pop_std) FROM apl_generalistes a JOIN communes c USING (code) "
                       "WHERE c.apl_unit AND c.departement_code = '85' AND a.year = 2023 AND a.apl IS NOT NULL"
                       ).fetchone()[0]
    assert vendee.apl_moyen == pytest.approx(mean)


def test_headline_table_of_vendee_as_the_map_page_shows_it(con):
    table = headline_table(con, "apl_2023", "departement", "85", "52", "Pays de la Loire")
    assert table.to_dict("records") == [
        {"Territoire": "Sélection", "APL moyenne (pondérée)": "2,99", "Communes sous 2,5": "119 / 253",
         "Population sous 2,5": f"205{NNBSP}366", "Part de la population": "29,4 %"},
        {"Territoire": "Région Pays de la Loire", "APL moyenne (pondérée)": "3,53",
         "Communes sous 2,5": f"533 / 1{NNBSP}228", "Population sous 2,5": f"716{NNBSP}457",
         "Part de la population": "18,6 %"},
        {"Territoire": "France", "APL moyenne (pondérée)": "3,74", "Communes sous 2,5": f"12{NNBSP}832 / 34{NNBSP}890",
         "Population sous 2,5": f"11{NNBSP}211{NNBSP}535", "Part de la population": "16,6 %"}]


def test_headline_scopes_and_our_apl_without_a_national_row(con):
    assert headline_scopes("apl_2023", "france", "", "FR", "") == [("France", "france", "")]
    assert headline_scopes("apl65_2022", "region", "52", "52", "Pays de la Loire") == [
        ("Sélection", "region", "52"), ("France", "france", "")]
    assert headline_table(con, "apl_santecarte", "france", "", "FR", "").empty  # ours is not computed nationally
    paris = headline_table(con, "apl_santecarte", "departement", "75", "11", "Île-de-France")
    assert list(paris["Territoire"]) == ["Sélection", "Région Île-de-France"]
    assert paris.loc[0, "Communes sous 2,5"] == "0 / 20" and paris.loc[0, "Part de la population"] == "0,0 %"
    # Vendée has no practice sites loaded: the selection and its region have no row, France is not asked
    assert headline_table(con, "apl_santecarte", "departement", "85", "52", "Pays de la Loire").empty


def test_cpts_card_and_profile_use_the_same_figures(con):
    france, vendee = territory_summary(con, "france", "", 2023), territory_summary(con, "departement", "85", 2023)
    table, facts = perimeter_card(con, ["85018", "85047"], "Deux communes")
    assert list(table["territoire"]) == ["Deux communes", "Département Vendée", "Région Pays de la Loire", "France"]
    # the same query, summed in parallel by DuckDB: equal to the last few digits
    assert table.loc[1, "apl_moyen"] == pytest.approx(vendee.apl_moyen, rel=1e-12)
    assert table.loc[3, "apl_moyen"] == pytest.approx(france.apl_moyen, rel=1e-12)
    assert table.loc[3, "part_sous_seuil"] == pytest.approx(france.part_sous_seuil, rel=1e-12)
    assert facts == {"n_communes": 2, "population": 26978}
    assert card_display(table).to_dict("records")[1:] == [
        {"Territoire": "Département Vendée", "APL moyenne 2023": "2,99", "Part de la population sous 2,5 (%)": "29,4"},
        {"Territoire": "Région Pays de la Loire", "APL moyenne 2023": "3,53",
         "Part de la population sous 2,5 (%)": "18,6"},
        {"Territoire": "France", "APL moyenne 2023": "3,74", "Part de la population sous 2,5 (%)": "16,6"}]
    p = P.build(con, "85018")
    rows = p.trend.set_index(["territoire", "year"])["apl"]
    assert rows[("France", 2023)] == pytest.approx(france.apl_moyen, rel=1e-12)
    assert rows[("Vendée (département)", 2023)] == pytest.approx(vendee.apl_moyen, rel=1e-12)
    assert rows[("France", 2022)] == pytest.approx(territory_summary(con, "france", "", 2022).apl_moyen, rel=1e-12)


def test_a_commune_in_two_cpts(con):
    var = commune_table(db.query(con, "territory_communes", level="departement", code="83"))
    toulon = var.set_index("code").loc["83137", "cpts"]
    assert cpts_names([toulon]) == ["CPTS La Seyne Toulon ouest", "CPTS Toulon Littoral"]
    assert {"CPTS La Seyne Toulon ouest", "CPTS Toulon Littoral"} <= set(filter_options(var)["cpts"])
    assert list(filter_table(var, cpts="CPTS Toulon Littoral")["code"]) == ["83137"]
    assert "83137" in set(filter_table(var, cpts="CPTS La Seyne Toulon ouest")["code"])
    nice = commune_table(db.query(con, "territory_communes", level="departement", code="06")).set_index("code")
    assert len(cpts_names([nice.loc["06088", "cpts"]])) == 3
    p = P.build(con, "83137")  # the profile lists both, « ; »-joined as before
    assert p.cpts == "CPTS La Seyne Toulon ouest; CPTS Toulon Littoral"


def test_ranking_filters_sort_and_table_of_vendee(vendee):
    options = filter_options(vendee)
    assert options["departement"] == ["85"] and options["cpts"] == ["CPTS Loire Vendée Océan"]
    assert len(filter_table(vendee, cpts="CPTS Loire Vendée Océan")) == 16
    assert vendee.set_index("code").loc["85018", "epci_nom"] in options["epci"] and None not in options["epci"]
    shown = ranking_columns("departement", "apl_2023", "APL 2023")
    first = ranking_display(sort_table(vendee, "apl_2023", True), shown).head(2).to_dict("records")
    assert first == [
        {"Nom": "Faymoreau", "Code": "85087", "APL 2023": "1,10", "Population": "209", "Évolution 2022→2023": "-0,22"},
        {"Nom": "Treize-Vents", "Code": "85296", "APL 2023": "1,13", "Population": f"1{NNBSP}226",
         "Évolution 2022→2023": "-0,28"}]
    assert sort_table(vendee, "apl_2023", False)["apl_2023"].is_monotonic_decreasing


def test_map_notices(con, vendee):
    assert indicator_notice(vendee, "apl_2023", "departement") is None  # every Vendée commune has its APL
    assert indicator_notice(vendee, "apl_santecarte", "departement").startswith(
        "Cet indicateur n'existe que là où les lieux d'exercice des généralistes sont chargés")
    france = db.query(con, "departement_indicators")
    assert indicator_notice(france, "apl_2023", "france") == "1 territoire(s) sans valeur (en gris) : 976 — Mayotte"  # a department's name holds its code
    paris = commune_table(db.query(con, "territory_communes", level="departement", code="75"))
    assert indicator_notice(paris, "apl_santecarte", "departement").startswith(
        "Notre APL (méthode de la DREES, temps de trajet estimés) est plus basse qu'en réalité dans les 0 communes")
    assert gp_density_text(db.query(con, "departement_gp_density", dep="85")) == (
        "Contexte — généralistes pour 10 000 habitants dans le département : 11,6 (RPPS avril 2025 "
        "(SM26+SM53+SM54, tous modes d'exercice)) ; 6,8 (BPE 2024 (médecins généralistes libéraux))")


def test_cpts_coverage_of_paca_with_its_total(con):
    total = coverage_display(db.query(con, "cpts_coverage", region="93")).iloc[-1]
    assert total["Département"] == "Région" and total["Population"] == f"5{NNBSP}218{NNBSP}960"
    assert total["Population couverte"] == f"5{NNBSP}117{NNBSP}871"
    assert total["Part de la population couverte (%)"] == "98,1"


def test_apl_change_of_a_profile_as_a_metric_delta(con):
    beauvoir = P.build(con, "85018")
    assert evolution_delta(apl_change(beauvoir.apl)) == "-0,18 depuis 2022"
