"""« What if » for a territory on the engine for the whole of France: GPs leave or arrive, a
permanence of N half-days opens; the APL recomputed on top of the DREES baseline with the
engine's exact deltas (before / after / change, the communes crossing 2.5, who gains and who
loses); the greedy placement of k more GPs (accessibility.placement)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from santecarte.accessibility.engine import CONSULTATIONS_PER_GP, Catchment
from santecarte.accessibility.placement import greedy_placement
from santecarte.accessibility.simulate import simulate
from santecarte.core import db
from santecarte.domain.indicators import SOUS_DENSE, SOUS_DENSE_FR
from santecarte.domain.scenario_file import ScenarioError, Step
from santecarte.domain.travel import travel_times
from santecarte.pipeline.network_inputs import demand_for_year

SIMULATION_SOURCE = "SantéCarte, simulation sur l'APL de la DREES (indicateurs APL) et les temps de trajet de la page"
"""The source named in the simulation's exports: our recomputation, from the DREES APL."""


@dataclass
class Engine:
    """Catchment of every APL unit of France for a baseline year, with that year's DREES APL."""

    year: int
    units: pd.DataFrame               # code, nom, departement_code, region_code, ...
    catchment: Catchment
    baseline: pd.Series               # code → DREES APL of `year`
    pop_std: pd.Series                # code → standardised population of `year`
    population: pd.Series             # code → total population of `year` (DREES)


def engine(con, year: int) -> Engine:
    times = travel_times(con)
    units = times.units
    catchment = times.network().catchment(demand_for_year(con, units, year))
    apl = db.query(con, "apl_year", year=year).set_index("code")
    return Engine(year, units, catchment, apl["apl"], apl["pop_std"], apl["pop_totale"])


def territory_codes(con, territory: str) -> list[str]:
    """APL units of « departement:85 », « cpts:<id> » or « communes:85018,85047,… » (a drawn
    set); ScenarioError when unknown."""
    kind, _, code = territory.partition(":")
    if kind == "communes":
        wanted = list(dict.fromkeys(c.strip().upper() for c in code.split(",") if c.strip()))
        codes = list(db.query(con, "apl_units_in", codes=wanted)["code"])
        unknown = sorted(set(wanted) - set(codes))
        if unknown:
            raise ScenarioError(f"Territoire : {len(unknown)} code(s) de commune inconnu(s) ou non publiés par la DREES "
                                f"(Paris, Lyon, Marseille : par arrondissement) : {', '.join(unknown[:10])[:200]}.")
    elif kind == "departement":
        codes = list(db.query(con, "departement_communes", dep=code)["code"])
    elif kind == "cpts":
        rows = db.query(con, "cpts_list")
        hit = rows[rows["cpts_id"] == code]
        codes = list(hit.iloc[0]["codes"]) if len(hit) else []
    else:
        codes = []
    if not codes:
        raise ScenarioError(f"Territoire inconnu : « {territory[:60]} ».")
    return codes


def run(eng: Engine, codes: list[str], steps: list[Step]) -> pd.DataFrame:
    """Before / after / change of every commune of the territory `codes` and of any commune
    outside it that the change reaches (column in_territory), with the threshold each crosses."""
    changed = simulate(eng.catchment, eng.baseline, [s.change() for s in steps]) if steps else None
    table = pd.DataFrame({"code": list(dict.fromkeys(codes + ([] if changed is None else list(changed["code"]))))})
    table["before"] = table["code"].map(eng.baseline)
    delta = changed.set_index("code")["change"] if changed is not None else pd.Series(dtype=float)
    table["change"] = table["code"].map(delta).fillna(0.0)
    table["after"] = table["before"] + table["change"]
    names = eng.units.set_index("code")["nom"]
    table["nom"] = table["code"].map(names)
    table["pop_std"] = table["code"].map(eng.pop_std)
    table["population"] = table["code"].map(eng.population)
    table["in_territory"] = table["code"].isin(set(codes))
    table["crossing"] = crossing(table["before"], table["after"])
    return table


CROSSINGS = {"down": f"passe sous {SOUS_DENSE_FR}", "up": f"passe au-dessus de {SOUS_DENSE_FR}"}
"""The threshold a commune's APL crosses, as the result table says it."""


def crossing(before: pd.Series, after: pd.Series) -> pd.Series:
    """« passe sous 2,5 », « passe au-dessus de 2,5 », or empty, per commune."""
    down = (before >= SOUS_DENSE) & (after < SOUS_DENSE)
    up = (before < SOUS_DENSE) & (after >= SOUS_DENSE)
    return pd.Series(np.select([down, up], [CROSSINGS["down"], CROSSINGS["up"]], ""), index=before.index)


def summary(table: pd.DataFrame) -> dict:
    """Territory figures (DREES rules): mean APL weighted by standardised population before and
    after; communes and population crossing 2.5 either way; who gains and who loses."""
    t = table[table["in_territory"] & table["before"].notna()]
    weight = t["pop_std"].fillna(0)
    mean = lambda col: float((t[col] * weight).sum() / weight.sum()) if weight.sum() > 0 else float("nan")  # noqa: E731
    up = t[(t["before"] < SOUS_DENSE) & (t["after"] >= SOUS_DENSE)]
    down = t[(t["before"] >= SOUS_DENSE) & (t["after"] < SOUS_DENSE)]
    everywhere = table[table["before"].notna()]
    gain, loss = everywhere[everywhere["change"] > 1e-12], everywhere[everywhere["change"] < -1e-12]
    return {"apl_before": mean("before"), "apl_after": mean("after"),
            "communes_lifted": len(up), "population_lifted": float(up["population"].sum()),
            "communes_dropped": len(down), "population_dropped": float(down["population"].sum()),
            "under_before": int((t["before"] < SOUS_DENSE).sum()), "under_after": int((t["after"] < SOUS_DENSE).sum()),
            "gaining": len(gain), "losing": len(loss),
            "outside_territory": int((~table["in_territory"] & (table["change"].abs() > 1e-12)).sum())}


# --- placement ------------------------------------------------------------------------------

OBJECTIVES = {
    "ecart": (f"Réduire l'écart au seuil de {SOUS_DENSE_FR}, pondéré par la population (Σ population × manque sous "
              f"{SOUS_DENSE_FR})"),
    "population": f"Faire passer le plus d'habitants au-dessus de {SOUS_DENSE_FR} (écart au seuil pour départager)",
}


def placement(eng: Engine, codes: list[str], k: int, objective: str = "ecart",
              fte_step: float = 1.0) -> pd.DataFrame:
    """Greedy placement of k GP FTEs among the territory's communes (accessibility.placement):
    step, code, nom, gap_filled, population_lifted, one row per pick."""
    if objective not in OBJECTIVES:
        raise ScenarioError(f"Objectif inconnu : {objective}")
    cat = eng.catchment
    inside = np.zeros(len(cat.codes), bool)
    idx = [cat.index[c] for c in codes if c in cat.index]
    inside[idx] = True
    candidates = np.array([i for i in idx if cat.load[i] > 0], dtype=int)
    if not len(candidates):
        raise ScenarioError("Aucune commune du territoire ne peut accueillir de médecin (population nulle alentour).")
    apl = pd.Series(cat.codes).map(eng.baseline).to_numpy(dtype=float)
    population = pd.Series(cat.codes).map(eng.population).fillna(0).to_numpy(dtype=float)
    picks = greedy_placement(cat, candidates, inside, apl, population, k, fte_step * CONSULTATIONS_PER_GP,
                             SOUS_DENSE, most_lifted=objective == "population")
    out = pd.DataFrame({"step": range(1, len(picks) + 1), "code": [cat.codes[p.unit] for p in picks],
                        "gap_filled": [p.gap_filled for p in picks],
                        "population_lifted": [p.population_lifted for p in picks]})
    out["nom"] = out["code"].map(eng.units.set_index("code")["nom"])
    return out


def placement_steps(picks: pd.DataFrame, fte_step: float = 1.0) -> list[Step]:
    """The placement as arrivals, one step per commune, to run or save like any scenario."""
    counts = picks.groupby("code", sort=False).size()
    return [Step(code, "arrivee", float(n * fte_step)) for code, n in counts.items()]
