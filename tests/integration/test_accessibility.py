"""The accessibility engine on the real communes: islands, exact deltas against a full
recomputation and an independent dense NumPy reference, and PySAL's `access`."""
import numpy as np
import pandas as pd
import pytest

from santecarte.accessibility.decay import MAX_MINUTES
from santecarte.accessibility.engine import Catchment
from santecarte.accessibility.travel import TravelTimes
from santecarte.pipeline.network_inputs import demand_for_year, load_units, sites_supply


@pytest.fixture(scope="module")
def units(con):
    return load_units(con)


@pytest.fixture(scope="module")
def network(units):
    return TravelTimes(units).network()


def _mass(units, code):
    return units.loc[units["code"] == code, "land_mass"].iloc[0]


def test_islands_without_bridge_are_their_own_land_mass(units):
    mainland = _mass(units, "75101")
    for island in ("85113", "29155", "22016", "56069", "29083"):  # Yeu, Ouessant, Bréhat, Groix, Sein
        assert _mass(units, island) != mainland
    assert _mass(units, "56152") == _mass(units, "56241") != mainland  # Belle-Île: Le Palais and Sauzon together
    for bridged in ("17297", "17286", "85163", "17093"):  # Ré, Oléron, Noirmoutier: fixed links
        assert _mass(units, bridged) == mainland
    assert _mass(units, "2A004") != mainland  # Corsica
    assert _mass(units, "97101") == _mass(units, "97105") != _mass(units, "97209")  # Guadeloupe ≠ Martinique
    sizes = units.groupby("land_mass").size()
    assert sizes.max() > 34000 and sizes[_mass(units, "2A004")] == 360


def test_no_pair_crosses_a_strait(units, network):
    yeu = units.index[units["code"] == "85113"][0]
    partners = network.j[network.i == yeu]
    assert list(partners) == [yeu]  # L'Île-d'Yeu reaches only itself
    mass = units["land_mass"].values
    assert (mass[network.i] == mass[network.j]).all()
    between = network.i != network.j
    assert network.minutes[between].max() < MAX_MINUTES
    assert network.minutes[~between].max() < 10  # a commune reaches its own practices with weight 1
    assert between.sum() > 1_900_000 and (~between).sum() == len(units)


@pytest.fixture(scope="module")
def idf(con, units, network):
    """Île-de-France with its real supply (RPPS sites, one 5,400 per distinct point)."""
    demand = demand_for_year(con, units, 2023)
    supply = sites_supply(con, units, "lieu", 5400.0)
    return network.catchment(demand), demand, supply


def dense_reference(units, network, demand, supply, keep):
    """E2SFCA written independently with dense NumPy arrays, on the units `keep`."""
    sel = np.flatnonzero(keep)
    pos = -np.ones(len(units), dtype=int)
    pos[sel] = np.arange(len(sel))
    inside = keep[network.i] & keep[network.j]
    t = np.full((len(sel), len(sel)), np.inf)
    t[pos[network.i[inside]], pos[network.j[inside]]] = network.minutes[inside]
    w = np.where(t < 10, 1.0, np.where(t < 15, 2 / 3, np.where(t < 20, 1 / 3, 0.0)))
    load = w.T @ demand[sel]
    ratio = np.where(load > 0, supply[sel] / np.where(load > 0, load, 1.0), 0.0)
    return w @ ratio, sel


def test_delta_equals_full_recompute_and_dense_reference(units, network, idf):
    catchment, demand, supply = idf
    # Seine-Saint-Denis alone as its own little world, so the dense reference stays small.
    keep = units["departement_code"].values == "93"
    sub = np.flatnonzero(keep)
    inside = keep[network.i] & keep[network.j]
    pos = {k: n for n, k in enumerate(sub)}
    local = Catchment.from_times(units["code"].values[sub], np.array([pos[k] for k in network.i[inside]]),
                                 np.array([pos[k] for k in network.j[inside]]), network.minutes[inside], demand[sub])
    base = local.apl(supply[sub])
    reference, _ = dense_reference(units, network, demand, supply, keep)
    assert base == pytest.approx(reference, abs=1e-9)

    changes = {"93066": -3 * 5400.0, "93008": 2 * 5400.0, "93001": 0.5 * 5400.0}
    after = supply[sub].copy()
    for code, ds in changes.items():
        after[local.index[code]] += ds
    full = local.apl(after)
    delta = local.delta_dense(changes)
    assert base + delta == pytest.approx(full, abs=1e-9)
    supply_after = supply.copy()
    supply_after[sub] = after
    reference_after, _ = dense_reference(units, network, demand, supply_after, keep)
    assert full == pytest.approx(reference_after, abs=1e-9)


def test_removing_gps_lowers_apl_and_raises_none(idf):
    catchment, _, supply = idf
    rows, values = catchment.delta({"93066": -2 * 5400.0})
    assert len(rows) > 1 and (values < 0).all()
    home = catchment.index["93066"]
    assert home in set(rows)
    # adding then removing returns to the original values exactly (delta is linear)
    up = catchment.delta_dense({"93066": 5400.0})
    down = catchment.delta_dense({"93066": -5400.0})
    assert np.array_equal(up + down, np.zeros_like(up))


def test_agrees_with_pysal_access(units, network, idf):
    import access
    catchment, demand, supply = idf
    keep = units["departement_code"].values == "94"
    sel = np.flatnonzero(keep)
    inside = keep[network.i] & keep[network.j]
    codes = units["code"].values
    cost = pd.DataFrame({"origin": codes[network.i[inside]], "dest": codes[network.j[inside]],
                         "minutes": network.minutes[inside]})
    demand_df = pd.DataFrame({"pop": demand[sel]}, index=pd.Index(codes[sel], name="geoid"))
    supply_df = pd.DataFrame({"gp": supply[sel]}, index=pd.Index(codes[sel], name="geoid"))
    model = access.Access(demand_df=demand_df, demand_value="pop", supply_df=supply_df, supply_value="gp",
                          cost_df=cost, cost_origin="origin", cost_dest="dest", cost_name="minutes")
    step = lambda t: np.where(t < 10, 1.0, np.where(t < 15, 2 / 3, np.where(t < 20, 1 / 3, 0.0)))  # noqa: E731
    theirs = model.enhanced_two_stage_fca(name="e2sfca", weight_fn=step, max_cost=None).iloc[:, 0]
    pos = {k: n for n, k in enumerate(sel)}
    local = Catchment.from_times(codes[sel], np.array([pos[k] for k in network.i[inside]]),
                                 np.array([pos[k] for k in network.j[inside]]), network.minutes[inside], demand[sel])
    ours = pd.Series(local.apl(supply[sel]), index=codes[sel])
    assert ours.loc[theirs.index].values == pytest.approx(theirs.fillna(0).values, abs=1e-9)


def test_scenario_on_the_drees_baseline(con, units, network):
    from santecarte.accessibility.simulate import Change, simulate, supply_changes

    assert supply_changes([Change("85018", half_days=4)]) == supply_changes([Change("85018", fte=0.4)])
    catchment = network.catchment(demand_for_year(con, units, 2023))
    drees = con.execute("SELECT code, apl FROM apl_generalistes WHERE year = 2023").df().set_index("code")["apl"]
    # Beauvoir-sur-Mer loses two GPs (the ESCoRTer story): it and its neighbours lose, nobody gains
    out = simulate(catchment, drees, [Change("85018", fte=-2)])
    assert (out["change"] < 0).all()
    home = out.set_index("code").loc["85018"]
    # every commune with full weight to Beauvoir loses the same: ΔS / L_Beauvoir
    assert home["change"] == pytest.approx(out["change"].min())
    assert home["before"] == pytest.approx(drees["85018"])
    assert home["after"] == pytest.approx(drees["85018"] + home["change"])
    assert "85113" not in set(out["code"])  # L'Île-d'Yeu, across the sea, is untouched
    back = simulate(catchment, drees, [Change("85018", fte=-2), Change("85018", fte=2)])
    assert back.empty


def test_a_regional_road_matrix_changes_only_what_it_reaches(con, units, network, idf):
    """The Grand Paris OSRM matrix given as a user's matrix: APL changes in the Métropole and
    within two 20-minute steps of it, and nowhere beyond (Provins, Fontainebleau keep the
    model's value)."""
    from calibration import grand_paris_user_matrix  # bench/calibration.py (pytest.ini: pythonpath)

    matrix = grand_paris_user_matrix()
    road = TravelTimes(units, matrix=matrix).network()
    catchment, demand, supply = idf
    before, after = catchment.apl(supply), road.catchment(demand).apl(supply)
    at = pd.Series(np.arange(len(units)), index=units["code"])
    changed = set(units["code"].values[~np.isclose(before, after, rtol=0, atol=1e-12)])
    mgp = set(matrix["from"])
    assert len(mgp) == 149 and len(changed & mgp) > 140
    covered = units["code"].isin(mgp).values
    two_steps = covered
    for _ in range(2):  # APL_i reads R_j, and R_j reads the demand of every k that reaches j (pairs go both ways)
        two_steps = ~network.reach_stays_inside(~two_steps)
    assert changed <= set(units["code"].values[two_steps])
    for far in ("77379", "77186"):  # Provins, Fontainebleau
        assert far not in changed and after[at[far]] == before[at[far]]
    sevran = at["93071"]  # between two covered communes, the matrix's times and nothing else
    mine = (road.i == sevran) & covered[road.j] & (road.j != sevran)
    given = matrix[(matrix["from"] == "93071") & (matrix["minutes"] < MAX_MINUTES)]  # the network keeps < 20 min
    assert dict(zip(units["code"].values[road.j[mine]], road.minutes[mine])) == dict(zip(given["to"], given["minutes"]))
