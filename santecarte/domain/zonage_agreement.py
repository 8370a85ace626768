"""How far the indicative zonage can be trusted: where the official doctors' zonage is known (the
open data of PACA, and the imports an editor published), how often the indicative rule
(`zonage.indicative`: the commune's APL ≤ 65 under 2.5 → ZIP) gives the same answer, ZIP or not.
Computed from the data the app holds, so the figure follows every publication."""
from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from santecarte.core import db
from santecarte.core.numbers import format_fr
from santecarte.domain.zonage import indicative


@dataclass(frozen=True)
class Agreement:
    """The indicative rule against the official zonage, ZIP or not, on `n` communes."""

    n: int
    n_published: int     # of which known through an editor's publication
    agree: float          # share of communes where both say ZIP, or both say not ZIP
    precision: float      # share of the indicative ZIP that are official ZIP
    recall: float         # share of the official ZIP that the indicative rule finds

    def sentence(self) -> str:
        where = "PACA, données ouvertes" + (
            f", et {format_fr(self.n_published, 0)} publiée(s) par l'ARS" if self.n_published else "")
        return (f"Fiabilité du zonage indicatif, mesurée là où le zonage officiel est connu ({format_fr(self.n, 0)} "
                f"communes : {where}) : il donne la même réponse (ZIP ou non) pour {format_fr(100 * self.agree, 0)} % "
                f"des communes ; {format_fr(100 * self.precision, 0)} % des communes qu'il classe en ZIP le sont "
                f"officiellement, et il retrouve {format_fr(100 * self.recall, 0)} % des ZIP officielles.")

_REFERENCES: dict[tuple, pd.DataFrame] = {}


def _reference(con, codes: tuple[str, ...]) -> pd.DataFrame:
    """`zonage_reference` for these published codes, read once per database file (a rebuild
    swaps the file, so its modification time is part of the key)."""
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    key = (path, os.path.getmtime(path) if path and os.path.exists(path) else 0.0, codes)
    if key not in _REFERENCES:
        if len(_REFERENCES) >= 8:
            _REFERENCES.clear()
        _REFERENCES[key] = db.query(con, "zonage_reference", codes=list(codes)).set_index("code")
    return _REFERENCES[key].copy()


def indicative_agreement(con, published: pd.DataFrame) -> Agreement | None:
    """`published`: the zonage editors published (commune_code, zonage), which takes precedence
    over the open data as in `zonage.with_zonage`. None where no official zonage is known."""
    ref = _reference(con, tuple(sorted(published["commune_code"])))
    published = published.set_index("commune_code")["zonage"]
    published = published[published.index.isin(ref.index)]
    ref.loc[published.index, "officiel"] = published
    ref["publie"] = ref.index.isin(published.index)
    known = ref.dropna(subset=["officiel", "apl65_2023"])
    if known.empty:
        return None
    official = known["officiel"] == "ZIP"
    guessed = known["apl65_2023"].map(indicative) == "ZIP"
    both = (official & guessed).sum()
    return Agreement(n=len(known), n_published=int(known["publie"].sum()), agree=float((official == guessed).mean()),
                     precision=float(both / guessed.sum()) if guessed.any() else float("nan"),
                     recall=float(both / official.sum()) if official.any() else float("nan"))
