"""The DREES APL to GPs (2022, 2023), read from the official workbook and put on the current COG.

The 2022 sheet is on the COG of 1 January 2023 and the 2023 sheet on that of 1 January 2024:
their merged communes go through `cog.map_to_current`. Paris, Lyon and Marseille are published
by arrondissement only and stay so (the city never gets a row of its own, so nothing is counted
twice). Mayotte is not published. Communes re-created after the population vintage appear with
population 0 (2023: 60694, 85165, 85212): their published APL is kept, and weighs nothing in
any mean, as in the DREES file.
"""
from __future__ import annotations

import pandas as pd

from santecarte.core.numbers import format_fr
from santecarte.pipeline.cog import MappingReport, map_to_current, weighted_mean
from santecarte.pipeline.readers import RawDataError, expect, raw_file

SHEETS = {2022: "APL 2022", 2023: "APL 2023"}
COLUMNS = {  # DREES header (start of the text) → our name
    "Code commune INSEE": "code",
    "Commune": "nom_source",
    "APL aux médecins généralistes de moins de 65 ans": "apl_moins65",
    "APL aux médecins généralistes": "apl",
    "Population standardisée": "pop_std",
    "Population totale": "pop_totale",
}
NUMERIC = ["apl", "apl_moins65", "pop_std", "pop_totale"]


def read_sheet(year: int) -> pd.DataFrame:
    ds, path = raw_file("drees_apl")
    try:
        sheet = pd.read_excel(path, sheet_name=SHEETS[year], header=None, dtype=str, engine="calamine")
    except Exception as exc:  # calamine raises its own types for a truncated or foreign file
        raise RawDataError(ds, path, f"feuille « {SHEETS[year]} » illisible ({type(exc).__name__}: {exc})") from exc
    header_rows = sheet.index[sheet[0].astype(str).str.strip().eq("Code commune INSEE")]
    expect(len(header_rows) == 1, "drees_apl", 0, f"en-tête « Code commune INSEE » introuvable dans « {SHEETS[year]} »")
    h = header_rows[0]
    names = {}
    for i, label in sheet.iloc[h].items():
        for prefix, name in COLUMNS.items():
            if isinstance(label, str) and label.strip().startswith(prefix) and name not in names.values():
                names[i] = name
                break
    expect(set(names.values()) == set(COLUMNS.values()), "drees_apl", 0,
           f"colonnes attendues absentes dans « {SHEETS[year]} » : {sorted(set(COLUMNS.values()) - set(names.values()))}")
    body = sheet.iloc[h + 2:].rename(columns=names)[list(names.values())]
    body = body[body["code"].notna()].copy()
    body["code"] = body["code"].str.strip()
    for col in NUMERIC:
        body[col] = pd.to_numeric(body[col], errors="coerce")
    expect(body[NUMERIC].notna().all().all(), "drees_apl", 0, f"valeurs non numériques dans « {SHEETS[year]} »")
    expect(len(body) > 30000, "drees_apl", 0, f"seulement {len(body)} communes dans « {SHEETS[year]} »")
    return body.assign(year=year)


def load_apl(current: set[str], old_to_new: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """APL per current commune (or arrondissement) and year, and the build-log lines."""
    frames, log = [], []
    for year in SHEETS:
        raw = read_sheet(year)
        mapped, report = map_to_current(raw, current, old_to_new, weighted=["apl", "apl_moins65"],
                                        weight="pop_std", summed=["pop_std", "pop_totale"])
        before = weighted_mean(raw["apl"], raw["pop_std"])
        after = weighted_mean(mapped["apl"], mapped["pop_std"])
        expect(abs(before - after) < 1e-9, "drees_apl", 0, f"la moyenne nationale {year} change au passage au COG courant")
        zero = mapped.loc[mapped["pop_totale"].eq(0), "code"].tolist()
        log += report.lines(f"APL {year} ({format_fr(len(raw), 0)} lignes publiées)")
        log.append(f"APL {year} : moyenne nationale pondérée par la population standardisée = {format_fr(before, 4)} "
                   f"avant et {after:.4f} après passage au COG courant")
        if zero:
            log.append(f"APL {year} : communes publiées avec une population nulle (gardées, poids nul) : {', '.join(zero)}")
        frames.append(mapped.assign(year=year, population_nulle=mapped["pop_totale"].eq(0)))
    return pd.concat(frames, ignore_index=True), log


__all__ = ["load_apl", "read_sheet", "MappingReport"]
