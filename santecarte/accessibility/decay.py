"""Distance decay of the DREES APL (Paramètres sheet of the DREES file): by car travel time
between communes, under 10 min → 1; 10 to 15 → 2/3; 15 to 20 → 1/3; 20 or more → 0.
Convention at the borders: a band includes its lower bound (t = 10 → 2/3, t = 20 → 0)."""
from __future__ import annotations

import numpy as np

from santecarte.core.numbers import format_fr

DECAY_BANDS: tuple[tuple[float, float], ...] = ((10.0, 1.0), (15.0, 2.0 / 3.0), (20.0, 1.0 / 3.0))
"""(upper bound in minutes, exclusive; weight) — beyond the last bound the weight is 0."""
MAX_MINUTES = DECAY_BANDS[-1][0]
MAX_MINUTES_FR = format_fr(MAX_MINUTES, 0)
"""The catchment as every text writes it: « 20 » (minutes)."""


def decay_weight(minutes) -> np.ndarray:
    t = np.asarray(minutes, dtype=float)
    return np.select([t < upper for upper, _ in DECAY_BANDS], [w for _, w in DECAY_BANDS], default=0.0)


def decay_band(minutes) -> np.ndarray:
    """Index of the decay band (0: < 10, 1: 10–15, 2: 15–20, 3: ≥ 20), to score a time model."""
    t = np.asarray(minutes, dtype=float)
    return np.searchsorted(np.array([u for u, _ in DECAY_BANDS]), t, side="right")
