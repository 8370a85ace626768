"""Bring commune-level values published on an older COG onto the current one.

Rules (written in docs/schema.md, « Passage au COG courant »):
1. a code that is current (commune, or municipal arrondissement) is kept as it is;
2. a code listed in a current commune's `anciensCodes` (Etalab) is a commune merged since: its
   row is merged into the current commune — values weighted by the weight column (DREES rule for
   the APL: standardised population), populations summed;
3. any other code is dropped and reported.
Merging with the publication's own weights keeps the weighted national mean unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from santecarte.core.numbers import format_fr


@dataclass
class MappingReport:
    kept: int = 0
    merged_rows: int = 0
    merged_into: int = 0
    dropped: list[str] = field(default_factory=list)

    def lines(self, label: str) -> list[str]:
        n = lambda value: format_fr(value, 0)  # noqa: E731
        out = [f"{label} : {n(self.kept)} lignes au code courant gardées ; {n(self.merged_rows)} lignes d'anciens "
               f"codes fusionnées dans {n(self.merged_into)} communes courantes ; {n(len(self.dropped))} lignes écartées"]
        if self.dropped:
            out.append(f"{label} : codes écartés (ni courants ni anciens codes connus) : {', '.join(self.dropped)}")
        return out


def map_to_current(df: pd.DataFrame, current: set[str], old_to_new: dict[str, str], *,
                   weighted: list[str], weight: str, summed: list[str]) -> tuple[pd.DataFrame, MappingReport]:
    """Map `df` (column `code`) to current codes; one row per current code on return.

    `weighted` columns are averaged with `weight` (a plain mean when all weights are 0);
    `summed` columns (which must include `weight`) are added. The result has `source_codes`
    (the published codes merged, comma-separated) and `n_source_rows`.
    """
    report = MappingReport()
    target = to_current(df["code"], current, old_to_new)
    report.dropped = sorted(df.loc[target.isna(), "code"].tolist())
    work = df.assign(target=target).dropna(subset=["target"])
    is_old = work["code"] != work["target"]
    report.kept = int((~is_old).sum())
    report.merged_rows = int(is_old.sum())
    report.merged_into = int(work.loc[is_old, "target"].nunique())

    w = work[weight].astype(float)
    prod = work[weighted].astype(float).mul(w, axis=0).add_suffix("__wx")
    work = pd.concat([work, prod], axis=1)
    grouped = work.groupby("target", sort=True)
    sums = grouped[[*summed, *prod.columns]].sum()
    means = grouped[weighted].mean()
    out = pd.DataFrame(index=sums.index)
    for col in weighted:
        out[col] = np.where(sums[weight] > 0, sums[f"{col}__wx"] / sums[weight].where(sums[weight] > 0), means[col])
    for col in summed:
        out[col] = sums[col]
    out["n_source_rows"] = grouped.size()
    out["source_codes"] = grouped["code"].first()  # one row: its own code; several: joined (few, so per group)
    several = out.index[out["n_source_rows"] > 1]
    if len(several):
        out.loc[several, "source_codes"] = (work[work["target"].isin(several)].groupby("target")["code"]
                                            .agg(lambda s: ",".join(sorted(s))))
    return out.reset_index().rename(columns={"target": "code"}), report


def weighted_mean(values: pd.Series, weights: pd.Series) -> float:
    w = weights.astype(float)
    return float((values.astype(float) * w).sum() / w.sum())


def to_current(codes: pd.Series, current: set[str], old_to_new: dict[str, str]) -> pd.Series:
    """Each code on the current COG (rules 1–2 above); NaN where rule 3 drops it."""
    return codes.where(codes.isin(current), codes.map(old_to_new))
