"""« What if » on top of an APL baseline (the DREES one anywhere, ours where supply is loaded):
GPs added or removed at a commune, or a permanence of N half-days a week. Exact, through
`Catchment.delta`; no baseline supply needed."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from santecarte.accessibility.engine import CONSULTATIONS_PER_GP, Catchment

HALF_DAYS_PER_FTE = 10
"""A full-time GP works 10 half-days a week; a permanence of N half-days is N/10 of a GP."""


@dataclass(frozen=True)
class Change:
    commune: str
    fte: float = 0.0          # GPs added (> 0) or removed (< 0), in full-time equivalents
    half_days: float = 0.0    # permanence half-days per week added (> 0) or removed (< 0)

    def consultations(self) -> float:
        return (self.fte + self.half_days / HALF_DAYS_PER_FTE) * CONSULTATIONS_PER_GP


def supply_changes(changes: list[Change]) -> dict[str, float]:
    out: dict[str, float] = {}
    for ch in changes:
        out[ch.commune] = out.get(ch.commune, 0.0) + ch.consultations()
    return {c: v for c, v in out.items() if v != 0.0}


def simulate(catchment: Catchment, baseline: pd.Series, changes: list[Change]) -> pd.DataFrame:
    """Communes whose APL changes: code, before (the baseline APL), change, after.

    `baseline` maps code → APL (e.g. DREES 2023). The change is exact for the E2SFCA with our
    travel times; applied to the DREES values it shows the effect of the change, not a
    re-estimation of the DREES APL."""
    rows, delta = catchment.delta(supply_changes(changes))
    codes = catchment.codes[rows]
    before = pd.Series(codes).map(baseline).values.astype(float)
    out = pd.DataFrame({"code": codes, "before": before, "change": delta, "after": before + delta})
    return out.sort_values("change", key=np.abs, ascending=False, ignore_index=True)
