"""Travel times from one place (travel.py): the terrain-aware model on real communes, and the
same minutes for the network, a commune's neighbours and any pair."""
import numpy as np
import pytest

from santecarte.accessibility.times import TravelModel, neighbour_pairs
from santecarte.accessibility.travel import TravelTimes
from santecarte.domain.travel import reachable, travel_times


@pytest.fixture(scope="module")
def times(con):
    return travel_times(con)


def test_the_plain_keeps_the_flat_model(times):
    """Beauvoir-sur-Mer → Bouin: both below 200 m, so exactly 2.5 min + crow km at the rural speed."""
    k = times.indices(["85018", "85031"])
    flat = TravelTimes(times.units, TravelModel(relief_per_km=0.0)).pair_minutes(k[:1], k[1:])
    assert times.pair_minutes(k[:1], k[1:])[0] == pytest.approx(flat[0])


def test_isere_town_halls_match_the_routed_summary(times):
    """The published Isère OSRM matrix has 12,275 pairs under 20 minutes (the flat model: ~27,000)."""
    u = times.units
    isere = np.flatnonzero(u["code"].str.startswith("38").to_numpy())
    i, j, km = neighbour_pairs(u["lon"].to_numpy()[isere], u["lat"].to_numpy()[isere], 40)
    under = int((times.pair_minutes(isere[i], isere[j], km) < 20).sum())
    assert 11_000 < under < 14_000


def test_a_mountain_town_reaches_fewer_communes_than_the_crow_flies(times):
    """Le Bourg-d'Oisans (valley floor at 720 m, peaks above 3,000 m): about ten communes within
    20 minutes, not the twenty-odd a flat model gives."""
    k = times.indices(["38052"])[0]
    near, _, minutes = times.reachable_from(k)
    flat_near, _, _ = TravelTimes(times.units, TravelModel(relief_per_km=0.0)).reachable_from(k)
    assert len(near) <= 12 and len(flat_near) >= 20
    assert minutes.max() < 20


@pytest.mark.parametrize("code", ["85018", "38185", "2A004", "97101"])
def test_neighbours_are_the_network_pairs(con, times, code):
    """A profile's neighbours (nearby.reachable) and the engine's network give the same minutes."""
    net = times.network()
    k = times.indices([code])[0]
    mine = net.i == k
    expected = dict(zip(times.units["code"].to_numpy()[net.j[mine]], net.minutes[mine]))
    got = reachable(con, code).set_index("code")["minutes"].to_dict()
    assert got.keys() == expected.keys() and len(got) > 1
    assert all(got[c] == pytest.approx(expected[c], rel=1e-12) for c in got)


def test_islands_and_unknown_pairs(times):
    yeu, beauvoir = times.indices(["85113", "85018"])
    assert np.isinf(times.pair_minutes([yeu], [beauvoir])[0])
    assert times.indices(["99999"])[0] == -1
