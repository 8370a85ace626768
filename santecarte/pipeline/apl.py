"""The DREES APL, read from the official workbooks and put on the current COG, one row per value.

Sources: the GP workbook 2022/2023 (sheet 2022 on the COG of 1 January 2023, sheet 2023 on that of
1 January 2024) and the five 2021 files (GPs, nurses, physiotherapists, midwives, dentists; COG
2021). Merged communes go through `cog.map_to_current`, weighted by the standardised population
(DREES rule), so each file's weighted national mean is unchanged. Paris, Lyon and Marseille are
published by arrondissement only and stay so (the city never gets a row of its own, so nothing is
counted twice). Mayotte has no APL, nor six uninhabited Meuse communes in 2021: « pas d'APL », no
row, never zero. Communes re-created after the population vintage appear with population 0
(2023: 60694, 85165, 85212): their published APL is kept, and weighs nothing in any mean, as in
the DREES file.
"""
from __future__ import annotations

import pandas as pd

from santecarte.core.numbers import format_fr
from santecarte.core.professions import GP, PROFESSIONS, SCOPES
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


FILES_2021 = {  # profession → (file of apl/2021_professions/, {DREES header start → scope})
    GP: (0, {"APL aux médecins généralistes (sans borne": "tous",
             "APL aux médecins généralistes de 65 ans": "moins65",
             "APL aux médecins généralistes de 62 ans": "moins62"}),
    "infirmier": (1, {"APL 2021 aux infirmières de 65 ans et moins": "moins65"}),
    "masseur_kinesitherapeute": (2, {"APL 2021 aux masseuses-kinésithérapeutes de 65 ans et moins": "moins65"}),
    "sage_femme": (3, {"APL 2021 aux sages-femmes": "tous"}),
    "chirurgien_dentiste": (4, {"APL 2021 aux chirurgiens-dentistes de 65 ans et moins": "moins65"}),
}
COLUMNS_2021 = {"Code commune": "code", "Population totale": "pop_totale",
                "Population standardisée": "pop_std"}


def read_2021(profession: str) -> pd.DataFrame:
    """One 2021 file: code, pop_totale, pop_std and one column per published scope; rows without a
    value (Mayotte, uninhabited communes) dropped, as « pas d'APL »."""
    index, scopes = FILES_2021[profession]
    ds, path = raw_file("drees_apl_2021", index)
    try:
        sheet = pd.read_excel(path, dtype=str, engine="calamine")
    except Exception as exc:  # calamine raises its own types for a truncated or foreign file
        raise RawDataError(ds, path, f"classeur illisible ({type(exc).__name__}: {exc})") from exc
    names = {}
    for label in sheet.columns:
        for prefix, name in {**COLUMNS_2021, **scopes}.items():
            if str(label).strip().startswith(prefix) and name not in names.values():
                names[label] = name
                break
    wanted = {*COLUMNS_2021.values(), *scopes.values()}
    expect(set(names.values()) == wanted, "drees_apl_2021", index,
           f"colonnes attendues absentes : {sorted(wanted - set(names.values()))}")
    body = sheet.rename(columns=names)[list(names.values())]
    body = body[body["code"].notna()].copy()
    body["code"] = body["code"].str.strip()
    numeric = [c for c in body.columns if c != "code"]
    for col in numeric:
        body[col] = pd.to_numeric(body[col], errors="coerce")
    body = body.dropna(subset=list(scopes.values()), how="all")
    expect(body[numeric].notna().all().all(), "drees_apl_2021", index, "valeurs non numériques")
    expect(len(body) > 30000, "drees_apl_2021", index, f"seulement {len(body)} communes")
    return body


def _published() -> list[tuple[str, int, pd.DataFrame, list[str]]]:
    """Every published table as (profession, year, rows, scope columns), before the COG mapping."""
    gp_scopes = {"apl": "tous", "apl_moins65": "moins65"}
    out = [(GP, year, read_sheet(year).drop(columns=["nom_source", "year"]).rename(columns=gp_scopes),
            list(gp_scopes.values())) for year in SHEETS]
    for profession, (_, scopes) in FILES_2021.items():
        out.append((profession, 2021, read_2021(profession), list(scopes.values())))
    return sorted(out, key=lambda t: (t[0] != GP, t[0], t[1]))


def load_apl(current: set[str], old_to_new: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """APL per current commune (or arrondissement), profession, year and scope (long), and the
    build-log lines."""
    frames, log = [], []
    for profession, year, raw, scopes in _published():
        label = f"APL {year} {PROFESSIONS[profession].label.lower()}"
        key = "drees_apl_2021" if year == 2021 else "drees_apl"
        mapped, report = map_to_current(raw, current, old_to_new, weighted=scopes,
                                        weight="pop_std", summed=["pop_std", "pop_totale"])
        log += report.lines(f"{label} ({format_fr(len(raw), 0)} lignes publiées)")
        for scope in scopes:
            before = weighted_mean(raw[scope], raw["pop_std"])
            after = weighted_mean(mapped[scope], mapped["pop_std"])
            expect(abs(before - after) < 1e-9, key, 0,
                   f"{label} : la moyenne nationale change au passage au COG courant")
            log.append(f"{label} ({SCOPES[scope]}) : moyenne nationale pondérée par la population standardisée = "
                       f"{format_fr(before, 4)} avant et {format_fr(after, 4)} après passage au COG courant")
        zero = mapped.loc[mapped["pop_totale"].eq(0), "code"].tolist()
        if zero:
            log.append(f"{label} : communes publiées avec une population nulle (gardées, poids nul) : {', '.join(zero)}")
        long = mapped.melt(id_vars=["code", "pop_std", "pop_totale", "source_codes", "n_source_rows"],
                           value_vars=scopes, var_name="scope", value_name="apl")
        frames.append(long.assign(profession=profession, year=year, population_nulle=long["pop_totale"].eq(0)))
    table = pd.concat(frames, ignore_index=True)
    return table[["code", "profession", "year", "scope", "apl", "pop_std", "pop_totale", "source_codes",
                  "n_source_rows", "population_nulle"]], log


def territory_means(table: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    """The mean APL of every department, region and France per profession, year and scope, by the
    DREES rule (weighted by standardised population) over the APL units, and their number: computed
    once here, read by every page (a profile or a CPTS card compares with three of them)."""
    units = communes.loc[communes["apl_unit"], ["code", "departement_code", "region_code"]]
    rows = table.merge(units, on="code").assign(wx=lambda d: d["apl"] * d["pop_std"])
    keys = ["profession", "year", "scope"]
    frames = []
    for level, column in (("departement", "departement_code"), ("region", "region_code"), ("france", None)):
        by = keys + [column] if column else keys
        sums = rows.groupby(by).agg(wx=("wx", "sum"), w=("pop_std", "sum"), n=("apl", "size")).reset_index()
        sums["apl_moyen"] = sums["wx"] / sums["w"].where(sums["w"] > 0)
        frames.append(sums.assign(level=level, code=sums[column] if column else ""))
    out = pd.concat(frames, ignore_index=True)
    return out[["level", "code", *keys, "apl_moyen", "n"]]


__all__ = ["load_apl", "read_sheet", "read_2021", "territory_means", "MappingReport"]
