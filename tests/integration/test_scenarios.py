"""Scenarios on the real database: departures, arrivals and permanences on the DREES baseline,
presets, placement, and scenario files or links that cannot be simulated on their territory.
Files and links malformed or edited by hand are in tests/unit/test_scenarios.py."""
import numpy as np
import pytest

from santecarte.domain import presets as P
from santecarte.domain import scenario_file as F
from santecarte.domain import simulation as S
from santecarte.domain.indicators import SOUS_DENSE
from tests.unit.test_scenarios import step


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
