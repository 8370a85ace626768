"""The E2SFCA engine on hand-computed fixtures: decay borders, exact values, deltas."""
import numpy as np
import pytest
from scipy import sparse

from santecarte.accessibility.decay import decay_band, decay_weight
from santecarte.accessibility.engine import Catchment, consultations_from_activity


@pytest.mark.parametrize("minutes, weight", [(0, 1.0), (9.99, 1.0), (10, 2 / 3), (14.99, 2 / 3), (15, 1 / 3),
                                             (19.99, 1 / 3), (20, 0.0), (20.01, 0.0)])
def test_decay_at_the_borders(minutes, weight):
    assert decay_weight([minutes])[0] == pytest.approx(weight, abs=0)
    assert decay_band([minutes])[0] == [1.0, 2 / 3, 1 / 3, 0.0].index(weight)


def test_activity_caps_of_the_drees():
    acts = [0, 250, 251, 3600, 3601, 6000, 6001, np.nan]
    assert list(consultations_from_activity(acts)) == [0, 0, 3600, 3600, 3601, 6000, 6000, 5400]


# Four communes A, B, C, D. Minutes (symmetric): A–B 5, A–C 12, B–C 16, C–D 25 (out of reach),
# A–D, B–D beyond 20. Own commune: 0 minutes. Demand 1000, 500, 2000, 100; supply at A and C only.
CODES = np.array(["A", "B", "C", "D"])
PAIRS = [("A", "B", 5.0), ("A", "C", 12.0), ("B", "C", 16.0), ("C", "D", 25.0)]
DEMAND = np.array([1000.0, 500.0, 2000.0, 100.0])
SUPPLY = np.array([5400.0, 0.0, 10800.0, 0.0])


def fixture_catchment():
    idx = {c: k for k, c in enumerate(CODES)}
    i, j, t = [0, 1, 2, 3], [0, 1, 2, 3], [0.0, 0.0, 0.0, 0.0]
    for a, b, minutes in PAIRS:
        i += [idx[a], idx[b]]
        j += [idx[b], idx[a]]
        t += [minutes, minutes]
    return Catchment.from_times(CODES, np.array(i), np.array(j), np.array(t), DEMAND)


def test_hand_computed_e2sfca():
    c = fixture_catchment()
    # L_A = 1·1000 + 1·500 + 2/3·2000 ; L_C = 2/3·1000 + 1/3·500 + 1·2000
    l_a = 1000 + 500 + 2 / 3 * 2000
    l_c = 2 / 3 * 1000 + 1 / 3 * 500 + 2000
    assert c.load[0] == pytest.approx(l_a, rel=1e-15) and c.load[2] == pytest.approx(l_c, rel=1e-15)
    r_a, r_c = 5400 / l_a, 10800 / l_c
    expected = [r_a + 2 / 3 * r_c, r_a + 1 / 3 * r_c, 2 / 3 * r_a + r_c, 0.0]
    assert c.apl(SUPPLY) == pytest.approx(expected, rel=1e-12)
    # D is out of everyone's reach: APL 0, and supply placed there would count for nobody
    assert c.unreachable_supply(SUPPLY) == 0.0


def test_zero_population_and_zero_supply():
    c = Catchment.from_times(np.array(["X", "Y"]), np.array([0, 1]), np.array([0, 1]), np.array([0.0, 0.0]),
                             np.array([0.0, 100.0]))
    apl = c.apl(np.array([5400.0, 0.0]))
    assert list(apl) == [0.0, 0.0]  # supply where nobody lives serves nobody; no division by zero
    assert c.unreachable_supply(np.array([5400.0, 0.0])) == 5400.0


def test_delta_equals_recomputation_on_fixture():
    c = fixture_catchment()
    change = {"B": 2700.0, "C": -5400.0}
    rows, values = c.delta(change)
    after = SUPPLY + np.array([0.0, 2700.0, -5400.0, 0.0])
    full = c.apl(after) - c.apl(SUPPLY)
    dense = np.zeros(4)
    np.add.at(dense, rows, values)
    assert dense == pytest.approx(full, abs=1e-12)
    assert dense[3] == 0.0


def test_delta_rejects_unknown_commune():
    with pytest.raises(KeyError, match="communes inconnues"):
        fixture_catchment().delta({"Z": 1.0})


def test_weights_are_sparse_and_skip_far_pairs():
    c = fixture_catchment()
    assert isinstance(c.weights, sparse.csr_matrix)
    assert c.weights[2, 3] == 0 and c.weights[0, 1] == 1.0
