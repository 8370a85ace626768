"""Where k more GPs help most: a greedy choice among candidate communes, each step taking the
commune whose extra supply most improves the objective over the territory. Each candidate's
effect on every APL is one column of the engine's exact delta (W[:, j] · S / L_j), so a step
costs a few sparse sums, not a recomputation."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from santecarte.accessibility.engine import Catchment


@dataclass
class Pick:
    unit: int                   # position of the chosen commune among the catchment's units
    gap_filled: float           # Σ population × part of the gap under the threshold this step fills
    population_lifted: float    # inhabitants of the territory whose APL crossed the threshold this step


def greedy_placement(catchment: Catchment, candidates: np.ndarray, inside: np.ndarray, apl: np.ndarray,
                     population: np.ndarray, k: int, supply: float, threshold: float,
                     most_lifted: bool = False) -> list[Pick]:
    """`k` picks among `candidates` (unit positions), each adding `supply` consultations.
    Only the units in `inside` (a mask) count; a unit without an APL (NaN) neither counts nor
    changes. The objective is the population-weighted gap under `threshold` filled, or, with
    `most_lifted`, the population crossing it (the gap breaking ties)."""
    effect = catchment.column_effects(candidates, np.full(len(candidates), supply))
    effect = effect.multiply(inside.reshape(-1, 1)).tocoo()  # only the territory's communes count
    known = ~np.isnan(apl[effect.row])
    rows, cols, gains = effect.row[known], effect.col[known], effect.data[known]
    current = np.nan_to_num(apl, nan=np.inf)
    picks = []
    for _ in range(k):
        a = current[rows]
        gap_gain = population[rows] * np.minimum(gains, np.maximum(0.0, threshold - a))
        crossed = population[rows] * ((a < threshold) & (a + gains >= threshold))
        score_gap = np.bincount(cols, gap_gain, minlength=len(candidates))
        score_pop = np.bincount(cols, crossed, minlength=len(candidates))
        score = score_pop * 1e6 + score_gap if most_lifted else score_gap
        best = int(np.argmax(score))
        mask = cols == best
        before = current.copy()
        current[rows[mask]] += gains[mask]
        lifted = inside & (before < threshold) & (current >= threshold)
        picks.append(Pick(int(candidates[best]), float(score_gap[best]), float(population[lifted].sum())))
    return picks
