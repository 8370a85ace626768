"""E2SFCA as sparse matrix products (the DREES APL method).

With W[i, j] = w(t_ij) the decay weight from demand commune i to supply commune j, D the
demand (standardised population) and S the supply (consultations per year):
    step 1: L_j = Σ_i W[i, j] · D_i,  R_j = S_j / L_j   (R_j = 0 where nobody is within reach)
    step 2: APL_i = Σ_j W[i, j] · R_j
L depends only on demand and times, so a change of supply ΔS moves the APL by exactly
ΔAPL = W · (ΔS / L): scenarios need no baseline supply.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from santecarte.accessibility.decay import MAX_MINUTES, decay_weight

CONSULTATIONS_PER_GP = 5400.0
"""DREES imputes 5,400 consultations/visits a year to a GP with no activity in the previous
year (Paramètres sheet); we use it for a GP whose activity is unknown."""


def consultations_from_activity(activity) -> np.ndarray:
    """DREES activity caps (Paramètres sheet): fewer than 251 consultations → 0; 251 to 3,600 →
    3,600; 3,601 to 6,000 → the actual number; more than 6,000 → 6,000; unknown (NaN) → 5,400.
    Not applied to centres de santé (pass their activity as supply directly)."""
    a = np.asarray(activity, dtype=float)
    out = np.select([a < 251, a <= 3600, a <= 6000], [0.0, 3600.0, a], default=6000.0)
    return np.where(np.isnan(a), CONSULTATIONS_PER_GP, out)


@dataclass
class Catchment:
    """Communes, their demand and the decay weights between them; computes APL and deltas."""

    codes: np.ndarray
    weights: sparse.csr_matrix
    demand: np.ndarray
    load: np.ndarray = field(init=False)
    index: dict[str, int] = field(init=False)

    def __post_init__(self):
        self.weights = sparse.csr_matrix(self.weights, dtype=float)
        self.demand = np.asarray(self.demand, dtype=float)
        n = len(self.codes)
        if self.weights.shape != (n, n) or self.demand.shape != (n,):
            raise ValueError("dimensions incohérentes entre communes, poids et demande")
        self._by_supply = self.weights.tocsc()
        self.load = self.weights.T @ self.demand
        self._inv_load = np.divide(1.0, self.load, out=np.zeros(n), where=self.load > 0)
        self.index = {c: k for k, c in enumerate(self.codes)}

    @classmethod
    def from_times(cls, codes, i, j, minutes, demand) -> "Catchment":
        """Weights from travel times of (i → j) pairs; pairs at 20 minutes or more drop out."""
        w = decay_weight(minutes)
        keep = w > 0
        n = len(codes)
        weights = sparse.csr_matrix((w[keep], (np.asarray(i)[keep], np.asarray(j)[keep])), shape=(n, n))
        return cls(np.asarray(codes), weights, demand)

    def apl(self, supply) -> np.ndarray:
        """APL of every commune for a supply vector (consultations per year)."""
        return self.weights @ (np.asarray(supply, dtype=float) * self._inv_load)

    def unreachable_supply(self, supply) -> float:
        """Supply placed where no demand is within reach (L = 0): it counts for nobody."""
        return float(np.asarray(supply, dtype=float)[self.load <= 0].sum())

    def delta(self, changes: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Exact APL change for supply changes {commune code: Δ consultations per year}.

        Returns (indices of communes whose APL changes, their ΔAPL): only the columns of the
        changed communes are read, so one change costs microseconds anywhere in France."""
        unknown = [c for c in changes if c not in self.index]
        if unknown:
            raise KeyError(f"communes inconnues du réseau : {', '.join(map(str, unknown[:10]))}")
        cols = np.array([self.index[c] for c in changes], dtype=int)
        effects = self.column_effects(cols, np.array(list(changes.values()), dtype=float))
        sub = (effects @ sparse.csr_matrix(np.ones((len(cols), 1)))).tocoo()
        return sub.row, sub.data

    def column_effects(self, cols: np.ndarray, supply) -> sparse.csc_matrix:
        """ΔAPL of every commune (rows) for `supply` consultations added at each commune of
        `cols` (column k: W[:, cols[k]] · supply[k] / L): summed by `delta`, compared by placement."""
        return (self._by_supply[:, cols] @ sparse.diags(np.asarray(supply, dtype=float) * self._inv_load[cols])).tocsc()

    def delta_dense(self, changes: dict[str, float]) -> np.ndarray:
        rows, values = self.delta(changes)
        out = np.zeros(len(self.codes))
        np.add.at(out, rows, values)
        return out


__all__ = ["Catchment", "consultations_from_activity", "CONSULTATIONS_PER_GP", "MAX_MINUTES"]
