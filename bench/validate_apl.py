"""Validate our APL against the DREES APL where supply is real: Île-de-France, RPPS sites of
August 2023. The supply rule and its scale are chosen on APL 2022 and reported on APL 2023.

Usage: python bench/validate_apl.py [--explore]
  --explore also searches travel-time parameters on 2022 (what travel alone can gain).
"""
import argparse
import itertools

import numpy as np
import pandas as pd
from calibration import grand_paris_user_matrix
from scipy.stats import pearsonr, spearmanr

from santecarte.accessibility.times import TravelModel
from santecarte.accessibility.travel import TravelTimes
from santecarte.core import db
from santecarte.domain.indicators import SOUS_DENSE
from santecarte.pipeline.network_inputs import demand_for_year, load_units, sites_supply

RULES = ("activite", "lieu")
SLOWDOWNS = (1.0, 1.25, 1.5, 2.0, 2.5)
METRIC_LIKE = TravelModel(3.0, 62.0, 31.0, 500.0, 4000.0)
"""Gironde METRIC fitted alone (3 min + 62 km/h crow), halved above 4,000 inh/km² as METRIC's
off-peak speed table does between its classes < 500 and > 4,000 inh/km² (motorways 120 → 60,
roads to a third; DREES, phileas-condemine/comparaison_distanciers, R/Comparaison_distanciers.Rmd)."""


def interior_mask(units, network, region="11"):
    """Communes of the region whose whole 20-minute neighbourhood lies inside it."""
    inside = units["region_code"].values == region
    return inside & network.reach_stays_inside(inside)


def metrics(ours, drees, pop):
    ok = ~np.isnan(drees)
    ours, drees, pop = ours[ok], drees[ok], pop[ok]
    rel = np.abs(ours - drees) / np.where(drees > 0, drees, np.nan)
    dec_o = pd.qcut(pd.Series(ours).rank(method="first"), 10, labels=False).values
    dec_d = pd.qcut(pd.Series(drees).rank(method="first"), 10, labels=False).values
    same_side = (ours < SOUS_DENSE) == (drees < SOUS_DENSE)
    return {
        "communes": int(ok.sum()),
        "Spearman": spearmanr(ours, drees)[0],
        "Pearson": pearsonr(ours, drees)[0],
        "median |rel err|": np.nanmedian(rel),
        "same decile": np.mean(dec_o == dec_d),
        "decile ±1": np.mean(np.abs(dec_o - dec_d) <= 1),
        "pop same side of 2.5": pop[same_side].sum() / pop.sum(),
    }, pd.crosstab(dec_d + 1, dec_o + 1, rownames=["DREES decile"], colnames=["our decile"])


def road_times_in_grand_paris(units, crow, demand, drees, supply, model):
    """Spearman on the Métropole du Grand Paris communes, crow-flight times against the MGP OSRM
    matrix given to the engine as a user's matrix (the model elsewhere), same supply and demand;
    then the OSRM times slowed by a factor chosen on APL 2022 (free-flow OSRM against a
    distancier that slows in dense areas, as METRIC does)."""
    matrix = grand_paris_user_matrix()
    mgp = units["code"].isin(matrix["from"]).values
    rho = lambda net, y: spearmanr(net.catchment(demand[y]).apl(supply)[mgp], drees[y][mgp])[0]  # noqa: E731
    slowed = {f: TravelTimes(units, model, matrix.assign(minutes=matrix["minutes"] * f)).network() for f in SLOWDOWNS}
    best = max(SLOWDOWNS, key=lambda f: rho(slowed[f], 2022))
    print(f"  road times, {mgp.sum()} Grand Paris communes (OSRM matrix as a user matrix): Spearman 2023 "
          f"crow-flight {rho(crow, 2023):.3f}, OSRM {rho(slowed[1.0], 2023):.3f}, OSRM × {best:g} "
          f"(chosen on 2022 among {', '.join(f'{f:g}' for f in SLOWDOWNS)}) {rho(slowed[best], 2023):.3f}")


def likely_cause(row):
    if not row["interior"]:
        return "bordure : une partie des 20 min hors Île-de-France (offre non chargée)"
    if row["sites_20min"] == 0:
        return "aucun lieu d'exercice RPPS à moins de 20 min"
    if row["density"] > 5000:
        return "zone dense : beaucoup de lieux proches, activité par lieu inconnue"
    if row["ours"] > row["drees"]:
        return "lieux proches comptés pleins (temps partiel, multi-sites, MEP)"
    return "offre réelle plus forte que les lieux RPPS (activité élevée, temps de route réel plus court)"


def main(explore: bool) -> None:
    con = db.connect()
    units = load_units(con)
    model = TravelModel()
    net = TravelTimes(units, model).network()
    idf = units["region_code"].values == "11"
    interior = interior_mask(units, net)
    drees = {y: units["code"].map(db.query(con, "apl_year", year=y).set_index("code")["apl"]).values for y in (2022, 2023)}
    pop = units["code"].map(db.query(con, "apl_year", year=2023).set_index("code")["pop_totale"]).values
    demand = {y: demand_for_year(con, units, y) for y in (2022, 2023)}
    catch = {y: net.catchment(demand[y]) for y in (2022, 2023)}

    # 1. supply rule and scale fitted on 2022 (interior communes)
    fit = {}
    for rule in RULES:
        raw = catch[2022].apl(sites_supply(con, units, rule, 5400.0))
        m = interior & ~np.isnan(drees[2022])
        scale = np.nanmedian(drees[2022][m] / np.where(raw[m] > 0, raw[m], np.nan))
        fit[rule] = (spearmanr(raw[m], drees[2022][m])[0], scale)
    rule = max(fit, key=lambda r: fit[r][0])
    per_unit = 5400.0 * fit[rule][1]
    print(f"travel model: {model}")
    for r, (rho, scale) in fit.items():
        print(f"fit on APL 2022, interior IdF: rule '{r}' Spearman {rho:.3f}, scale {scale:.3f}")
    print(f"chosen: 1 {'distinct practice point' if rule == 'lieu' else 'activity'} = {per_unit:,.0f} "
          f"consultations/year\n")

    supply = sites_supply(con, units, rule, per_unit)
    ours = catch[2023].apl(supply)
    print("APL 2023 — ours vs DREES, Île-de-France")
    tables = {}
    for label, mask in (("all IdF", idf), ("interior (20 min inside IdF)", interior)):
        vals, table = metrics(ours[mask], drees[2023][mask], pop[mask])
        tables[label] = table
        print(f"  {label}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in vals.items()))
    print("\ndecile agreement, interior communes (rows: DREES decile, columns: ours):")
    print(tables["interior (20 min inside IdF)"].to_string())

    counts = db.query(con, "gp_site_counts").set_index("commune_code")["n_lieux"]
    sites = units["code"].map(counts).fillna(0).values
    reach = np.zeros(len(units))
    np.add.at(reach, net.i, sites[net.j])
    df = pd.DataFrame({"code": units["code"], "nom": units["nom"], "ours": ours, "drees": drees[2023],
                       "density": units["density"], "interior": interior, "sites_20min": reach})[idf].dropna()
    df["log_ratio"] = np.log((df["ours"] + 0.1) / (df["drees"] + 0.1))
    border = df[~df["interior"]]
    print(f"\nborder communes: {len(border)}, median ours/DREES {np.exp(border['log_ratio'].median()):.2f} "
          f"(their neighbours outside IdF have no supply loaded)")
    inner = df[df["interior"]]
    worst = inner.reindex(inner["log_ratio"].abs().sort_values(ascending=False).index).head(20)
    print("20 largest disagreements among interior communes (APL 2023):")
    for r in worst.itertuples():
        print(f"  {r.code} {r.nom[:28]:<28} ours {r.ours:5.2f}  DREES {r.drees:5.2f}  "
              f"→ {likely_cause(r._asdict())}")

    # 2. what limits it
    print("\nwhat limits it (APL 2023, interior communes):")
    big = interior & (pop > 10000) & ~np.isnan(drees[2023])
    local = sites / np.maximum(demand[2023], 1.0)
    print(f"  local supply alone (sites per standardised inhabitant), communes > 10,000 inh.: "
          f"Spearman {spearmanr(local[big], drees[2023][big])[0]:.3f}")
    dens = pd.cut(units["density"].values, [0, 100, 500, 2000, 10000, 1e6],
                  labels=["< 100", "100–500", "500–2,000", "2,000–10,000", "> 10,000"])
    ratio = pd.Series(np.log(np.maximum(ours, 1e-3) / np.maximum(drees[2023], 1e-3)))
    m = interior & ~np.isnan(drees[2023])
    summary = pd.DataFrame({"density": dens[m], "ratio": ratio[m].values}).groupby("density", observed=True)["ratio"]
    for name, g in summary:
        print(f"  density {name:>13} inh/km²: {len(g):4d} communes, median ours/DREES {np.exp(g.median()):.2f}")
    by_dep = pd.DataFrame({"dep": units["departement_code"].values, "ours": ours, "drees": drees[2023]})[m]
    within = {dep: (spearmanr(g["ours"], g["drees"])[0], len(g)) for dep, g in by_dep.groupby("dep")}
    print("  within each department (interior communes): "
          + ", ".join(f"{dep} {rho:.2f} ({n})" for dep, (rho, n) in within.items()))
    road_times_in_grand_paris(units, net, demand, drees, supply, model)
    if explore:
        def rho(model, year):
            a = TravelTimes(units, model).network().catchment(demand[year]).apl(supply)
            ok = interior & ~np.isnan(drees[year])
            return spearmanr(a[ok], drees[year][ok])[0]

        grid = [TravelModel(a, vr, vd) for a, vr, vd in
                itertools.product((0.0, 2.5, 5.0), (40, 50, 60, 70), (15, 25, 40, 50))]
        fit22 = {model: rho(model, 2022) for model in grid}
        best = max(fit22, key=fit22.get)
        print(f"  travel parameters tuned on APL 2022 ({best}): Spearman 2022 {fit22[best]:.3f}, "
              f"2023 {rho(best, 2023):.3f}")
        print(f"  METRIC-like speeds ({METRIC_LIKE}): Spearman 2022 {rho(METRIC_LIKE, 2022):.3f}, "
              f"2023 {rho(METRIC_LIKE, 2023):.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--explore", action="store_true")
    main(parser.parse_args().explore)
