"""Score the travel-time model against routed times (times/ snapshots), per sample and per
terrain, next to the model before relief (same speeds, no relief term).

Per sample, on pairs routed under 30 minutes (beyond, « far » is trivially right): median
absolute error in minutes, share of pairs put in the same decay band (< 10, 10–15, 15–20,
≥ 20 min) as the routed time, and the crow-flight ceiling (what any increasing function of
crow distance alone could reach on those pairs). A pair counts as « montagne » when one of its
ends is classed in zone de montagne. The towns sample (openrouteservice, slower than OSRM in
dense areas, SOURCE.md) is first rescaled by its median routed/model ratio on its flat pairs:
only its contrast between terrains is scored. The prefectures (30–870 min) are scored by the
median model/routed ratio. Last, the Isère summary published in times/SOURCE.md (median crow
speed by distance band on a routed commune × commune matrix we do not hold, and its number of
pairs under 20 minutes) against the model on the Isère town halls. And a national check on
routed times that no fit sees, France → Paris (`paris_triangle`): per altitude band, whether the
model's local times agree with the real routes' first leg.

`--fit` chooses the relief terms: on a grid, the model closest to the Isère summary (speeds of
the 2–30 km bands; communes reached within 20 minutes, p10, median, p90) among those that keep Grand Paris OSRM and Gironde METRIC at their score without relief
— then everything else in this report is scored on data the choice did not see.

Usage: python bench/validate_times.py [--fit]
"""
import argparse
import dataclasses
import itertools

import numpy as np
import pandas as pd
from calibration import france_to_paris, grand_paris_matrix, load_samples
from scipy import sparse
from scipy.sparse.linalg import lsqr

from santecarte.accessibility.decay import decay_band
from santecarte.accessibility.times import TravelModel, neighbour_pairs
from santecarte.accessibility.travel import TravelTimes
from santecarte.core import db
from santecarte.domain.travel import built_units

TOWNS = "Villes ≥ 10 000 hab. ORS"
PREFECTURES = "Préfectures RIATE"
ORDER = ["Grand Paris OSRM", "Gironde METRIC", "Gironde OSRM", "Alsace OSRM", TOWNS, PREFECTURES]
ISERE_KM = [0, 2, 5, 10, 15, 20, 30, 50, 100]
ISERE_SPEED = [21.2, 25.7, 29.6, 32.6, 34.8, 37.3, 41.6, 48.7]
"""times/SOURCE.md, « Median crow speed (km/h) by crow-distance band », Isère OSRM (chef-lieux)."""
ISERE_UNDER_20 = 12275
"""Pairs routed under 20 minutes in that matrix (issue #15)."""
ISERE_REACHED = [9, 25, 38]
"""times/SOURCE.md: other communes within 20 minutes of an Isère commune, p10, median, p90."""
BEFORE = dataclasses.replace(TravelModel(), relief_per_km=0.0, montagne=0.0)


def ceiling(crow_km, routed_min) -> float:
    """Best share of pairs in the right band that ANY increasing function of crow distance
    alone could reach on this sample (three distance cut-offs chosen on the sample itself, an
    upper bound): what a crow-flight model cannot do better than, whatever its parameters."""
    order = np.argsort(crow_km, kind="stable")
    band = decay_band(np.asarray(routed_min)[order])
    cum = np.vstack([np.concatenate([[0], np.cumsum(band == k)]) for k in range(4)])  # cum[k, i]: first i pairs
    n = len(band)
    stage = np.maximum.accumulate(cum[0] - cum[1])            # best C0(i1) - C1(i1) for i1 ≤ i
    stage = np.maximum.accumulate(stage + cum[1] - cum[2])    # … + C1(i2) - C2(i2), i2 ≤ i
    best = np.max(stage + cum[2] - cum[3]) + cum[3][n]        # … + C2(i3) - C3(i3) + N3
    return best / n


def predict(units, model, pairs) -> np.ndarray:
    times = TravelTimes(units, model)
    pred = times.model_minutes(times.indices(pairs["from"]), times.indices(pairs["to"]), pairs["crow_km"].to_numpy())
    towns = (pairs["sample"] == TOWNS).to_numpy()
    flat = towns & ~pairs["montagne"].to_numpy()
    if flat.any():
        pred[towns] *= np.median(pairs["routed_min"].to_numpy()[flat] / pred[flat])
    return pred


def scores(pred, pairs) -> pd.DataFrame:
    rows = []
    short = pairs["routed_min"].to_numpy() < 30
    for (sample, mont), idx in pairs[short].groupby(["sample", "montagne"], sort=False).groups.items():
        routed, p = pairs.loc[idx, "routed_min"].to_numpy(), pred[idx]
        rows.append({"sample": sample, "terrain": "montagne" if mont else "hors montagne", "pairs": len(idx),
                     "median |err| min": np.median(np.abs(p - routed)),
                     "same band": np.mean(decay_band(p) == decay_band(routed)),
                     "crow-flight ceiling": ceiling(pairs.loc[idx, "crow_km"].to_numpy(), routed)})
    out = pd.DataFrame(rows)
    out["sample"] = pd.Categorical(out["sample"], ORDER)
    return out.sort_values(["sample", "terrain"]).reset_index(drop=True)


def isere(units, model) -> tuple[pd.Series, int, list[float]]:
    """The model between Isère town halls: median crow speed per distance band, pairs under 20
    minutes, and the p10, median and p90 of the communes each one reaches within 20 minutes."""
    u = units[units["code"].str.startswith("38")].reset_index(drop=True)
    times = TravelTimes(u, model)
    i, j, km = neighbour_pairs(u["lon"].to_numpy(), u["lat"].to_numpy(), ISERE_KM[-1])
    t = times.model_minutes(i, j, km)
    band = pd.cut(km, ISERE_KM)
    reached = pd.Series(t < 20).groupby(i).sum().reindex(range(len(u)), fill_value=0)
    return (pd.Series(km / t * 60).groupby(band, observed=True).median(), int((t < 20).sum()),
            [float(reached.quantile(q)) for q in (0.1, 0.5, 0.9)])


def isere_error(units, model) -> float:
    """Root mean square of the log ratios model / published: speeds of the 2–30 km bands and the
    p10, median and p90 of communes reached (the spread between valley and plateau communes)."""
    speeds, _, reached = isere(units, model)
    ratios = np.concatenate([speeds.to_numpy()[1:6] / np.array(ISERE_SPEED[1:6]),
                             np.maximum(reached, 1) / np.array(ISERE_REACHED)])
    return float(np.sqrt(np.mean(np.log(ratios) ** 2)))


def fit(units, pairs) -> TravelModel:
    flat_fit = pairs["sample"].isin(["Grand Paris OSRM", "Gironde METRIC"]).to_numpy()
    base = scores(predict(units, BEFORE, pairs[flat_fit].reset_index(drop=True)), pairs[flat_fit].reset_index(drop=True))
    floor = base.groupby("sample", observed=True)["same band"].min() - 0.001
    best = None
    for cap, per_km, mont in itertools.product(np.arange(400.0, 1001.0, 100.0), np.arange(0.5, 1.61, 0.1),
                                               np.arange(0.0, 0.21, 0.1)):
        model = dataclasses.replace(TravelModel(), relief_cap_m=float(cap), relief_per_km=round(float(per_km), 2),
                                    montagne=round(float(mont), 2))
        s = scores(predict(units, model, pairs[flat_fit].reset_index(drop=True)), pairs[flat_fit].reset_index(drop=True))
        if (s.groupby("sample", observed=True)["same band"].min() < floor).any():
            continue
        err = isere_error(units, model)
        if best is None or err < best[0]:
            best = (err, model)
    print(f"chosen on the Isère summary (error {best[0]:.3f}, RMS of log ratios): {best[1]}")
    return best[1]


ALTITUDE_BANDS = [-np.inf, 200, 400, 600, 800, 1200, np.inf]
ALTITUDE_LABELS = ["< 200 m", "200–400 m", "400–600 m", "600–800 m", "800–1 200 m", "≥ 1 200 m"]


def paris_triangle(units, to_paris: pd.Series, models: dict) -> tuple[pd.DataFrame, pd.Series]:
    """A national check of the relief term on routed times, France → Paris (OSRM 2021).

    The route from commune i to Paris passes near one of its neighbours j, and never beats
    going to any of them first: T_i ≤ t(i→j) + T_j, near equality for j on the way. So
    e_i = min over neighbours within 25 km of (model(i→j) + T_j) − T_i tells, commune by
    commune, whether the model's local times are too fast (e < 0) or too slow (e > 0) on the
    first leg of a real route. Even a model right on average leaves e a little below 0 on the
    plains (a minimum over many neighbours, centroids as routing points): that median is the
    reference, and a relief term is right when each altitude band leaves the same."""
    u = units[units["code"].isin(to_paris.index)].reset_index(drop=True)
    t_paris = u["code"].map(to_paris).to_numpy()
    i, j, km = neighbour_pairs(u["lon"].to_numpy(), u["lat"].to_numpy(), 25.0)
    same = u["land_mass"].to_numpy()[i] == u["land_mass"].to_numpy()[j]
    i, j, km = i[same], j[same], km[same]
    band = pd.cut(u["relief_m"].to_numpy(), ALTITUDE_BANDS, labels=ALTITUDE_LABELS, right=False)
    mont = np.where(u["zone_montagne"].astype("boolean").fillna(False).to_numpy(bool), "zone de montagne", "hors montagne")
    out = {}
    for name, model in models.items():
        times = TravelTimes(u, model)
        best = pd.Series(times.model_minutes(i, j, km) + t_paris[j]).groupby(i).min()
        e = pd.Series(best.to_numpy() - t_paris[best.index], index=best.index)
        by_departement = e.groupby(u["departement_code"].to_numpy()[e.index]).median().sort_values()
        out[f"median e, {name}"] = pd.concat([e.groupby(band[e.index], observed=True).median(),
                                              e.groupby(mont[e.index]).median()])
        out[f"p10–p90 e, {name}"] = pd.concat([
            e.groupby(band[e.index], observed=True).quantile([0.1, 0.9]).unstack(),
            e.groupby(mont[e.index]).quantile([0.1, 0.9]).unstack()]).apply(lambda r: f"{r[0.1]:.1f} / {r[0.9]:.1f}", axis=1)
        out["communes"] = pd.concat([pd.Series(band[e.index]).value_counts(sort=False), pd.Series(mont[e.index]).value_counts()])
    table = pd.DataFrame(out)
    return table[["communes"] + [c for c in table.columns if c != "communes"]], by_departement


def terminal_times_bound() -> float:
    """Grand Paris, held-out share in the right band for t = a_from + b_to + crow km / v, with
    a terminal time per commune fitted by least squares on half of the pairs (seed 0): what
    knowing each commune's own road access (motorway junctions, bridges) would give — a bound
    no layer of the snapshots lets a model reach, not a model."""
    long = grand_paris_matrix()
    long = long[long["routed_min"] < 30]
    codes = pd.Index(sorted(set(long["from"]) | set(long["to"])))
    i, j = codes.get_indexer(long["from"]), codes.get_indexer(long["to"])
    crow = long["crow_km"].values
    rows, n = np.arange(len(long)), len(codes)
    design = sparse.hstack([sparse.csr_matrix(crow[:, None]),
                            sparse.csr_matrix((np.ones(len(long)), (rows, i)), shape=(len(long), n)),
                            sparse.csr_matrix((np.ones(len(long)), (rows, j)), shape=(len(long), n))]).tocsr()
    routed = long["routed_min"].values
    fit_half = np.random.default_rng(0).random(len(long)) < 0.5
    coef = lsqr(design[fit_half], routed[fit_half], damp=0.01)[0]
    pred = design[~fit_half] @ coef
    return float(np.mean(decay_band(pred) == decay_band(routed[~fit_half])))


def main(do_fit: bool) -> None:
    con = db.connect()
    units = built_units(con)
    pairs = load_samples(con, units)
    mont = units.set_index("code")["zone_montagne"].astype("boolean").fillna(False)
    pairs["montagne"] = (pairs["from"].map(mont) | pairs["to"].map(mont)).to_numpy(bool)
    model = fit(units, pairs) if do_fit else TravelModel()
    print(f"model: {model}\n")
    before, after = scores(predict(units, BEFORE, pairs), pairs), scores(predict(units, model, pairs), pairs)
    table = after.merge(before[["sample", "terrain", "same band", "median |err| min"]], on=["sample", "terrain"],
                        suffixes=("", " before"))
    table = table[["sample", "terrain", "pairs", "median |err| min", "median |err| min before", "same band",
                   "same band before", "crow-flight ceiling"]]
    pct = {c: "{:.1%}".format for c in ("same band", "same band before", "crow-flight ceiling")}
    print(f"pairs routed under 30 minutes (before = same speeds, no relief term; {TOWNS} rescaled on its flat pairs)")
    print(table.to_string(index=False, formatters={**pct, "median |err| min": "{:.2f}".format,
                                                   "median |err| min before": "{:.2f}".format}))
    pref = pairs[pairs["sample"] == PREFECTURES].reset_index(drop=True)
    for name, m in (("before", BEFORE), ("model", model)):
        ratio = predict(units, m, pref) / pref["routed_min"].to_numpy()
        parts = ", ".join(f"{'montagne' if k else 'hors montagne'} {np.median(ratio[pref['montagne'] == k]):.3f} "
                          f"({int((pref['montagne'] == k).sum())} pairs)" for k in (False, True))
        print(f"\n{PREFECTURES}, median model / routed minutes, {name}: {parts}")
    print("\nIsère (SOURCE.md summary of a routed matrix we do not hold): median crow speed km/h by crow band")
    rows = {f"published ({ISERE_UNDER_20} pairs < 20 min, reached {'/'.join(map(str, ISERE_REACHED))})": ISERE_SPEED}
    for name, m in (("before", BEFORE), ("model", model)):
        speeds, under, reached = isere(units, m)
        rows[f"{name} ({under} pairs < 20 min, reached p10/median/p90 {'/'.join(f'{r:g}' for r in reached)})"] = \
            speeds.round(1).to_list()
    labels = [f"{a}–{b} km" for a, b in zip(ISERE_KM, ISERE_KM[1:])]
    print(pd.DataFrame(rows, index=labels).T.to_string())
    old = dict(zip(*db.query(con, "old_codes")[["old_code", "code"]].T.values))
    triangle, by_departement = paris_triangle(units, france_to_paris(set(units["code"]), old),
                                              {"before": BEFORE, "model": model})
    print("\nFrance → Paris (OSRM, 34,838 communes): e = min over neighbours ≤ 25 km of (model to the neighbour + "
          "its routed time to Paris) − the commune's own, minutes; by the commune's maximum altitude")
    print(triangle.to_string(float_format="{:.2f}".format))
    ends = pd.concat([by_departement.head(6), by_departement.tail(6)])
    print("median e by department, model, the 6 lowest and the 6 highest: "
          + ", ".join(f"{d} {v:+.1f}" for d, v in ends.items())
          + f"; Isère (38) {by_departement.get('38', np.nan):+.1f}")
    print(f"\nGrand Paris OSRM with a terminal time per commune (fitted on half, held-out half): "
          f"{terminal_times_bound():.1%} in the right band")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--fit", action="store_true")
    main(parser.parse_args().fit)
