"""The commune table behind the « Territoires sous-dotés » page: derived indicators, filters
and exports. Plain pandas, so it is tested without Streamlit."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core.numbers import export_csv_bytes, format_fr, french_table, round_half_up
from santecarte.core.professions import GP, PROFESSIONS, Profession
from santecarte.core.professions import SOURCE as APL_SOURCE
from santecarte.domain.professions import provenance

PLACE_COLUMNS = {
    "code": "code_insee", "nom": "commune", "departement_code": "departement", "epci_nom": "epci",
    "bassin_vie_nom": "bassin_de_vie", "cpts": "cpts", "population": "population",
}
DEPARTEMENT_PLACE_COLUMNS = {"code": "departement", "nom": "nom", "population": "population"}
"""The place columns of the France view's export, whose rows are departments."""
GP_EXPORT_COLUMNS = {  # GP: the vintages, the changes, our APL and the context (2021 last: older exports keep their columns)
    "apl_2022": "apl_2022", "apl_2023": "apl_2023", "apl65_2023": "apl_moins65_2023", "evolution": "evolution_apl",
    "apl_santecarte": "apl_santecarte_2023", "besoin": "indice_besoin", "sites_10k": "lieux_pour_10000_hab",
    "apl_2021": "apl_2021", "apl65_2021": "apl_moins65_2021", "evolution_2021_2023": "evolution_apl_2021_2023",
}
PROFESSION_EXPORT_COLUMNS = {"apl_profession": "apl"}


CHANGES = {"evolution": (2022, 2023), "evolution_2021_2023": (2021, 2023), "evolution_2021_2022": (2021, 2022)}
"""The changes of the GP APL between vintages: column → (from, to)."""


def with_changes(rows: pd.DataFrame) -> pd.DataFrame:
    """Add the changes of the GP APL between vintages (CHANGES), NaN where either year is missing."""
    df = rows.copy()
    for column, (before, after) in CHANGES.items():
        df[column] = df[f"apl_{after}"] - df[f"apl_{before}"]
    return df


def with_profession(rows: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Add `apl_profession`: another profession's APL (`values`: code, apl) to the communes or
    departments of `rows`, NaN where it is not published."""
    return rows.drop(columns="apl_profession", errors="ignore").merge(
        values[["code", "apl"]].rename(columns={"apl": "apl_profession"}), on="code", how="left")


def commune_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Add the derived indicators: changes of the GP APL between vintages, need index (standardised
    ÷ total population, DREES 2023: above 1, an older population that consults more), GP
    practice activities per 10,000 inhabitants (only where sites are loaded, else NaN)."""
    df = with_changes(rows)
    df["besoin"] = df["pop_std_2023"] / df["pop_totale_2023"].where(df["pop_totale_2023"] > 0)
    df["sites_10k"] = df["n_activites"] / df["population"].where(df["population"] > 0) * 10000
    return df


def ranking_columns(level: str, column: str, label: str, gp: bool = True) -> dict[str, str]:
    """Columns of the ranking table and their French headers: the indicator shown first, and
    the department of each commune when the ranking spans several. GP context columns (APL 2023,
    its change) only in a GP ranking: two professions are never shown side by side."""
    shown = {"nom": "Nom", "code": "Code"}
    if level == "region":
        shown["departement_code"] = "Département"
    shown[column] = label
    extras = (("population", "Population"), ("apl_2023", "APL 2023"), ("evolution", "Évolution 2022→2023"))
    for extra, title in extras if gp else extras[:1]:
        shown.setdefault(extra, title)
    return shown


NAMES_SEPARATOR = " ; "
"""Between the names of a commune in several CPTS (or EPCI, bassins de vie) in one cell."""


def cpts_names(values) -> list[str]:
    """The names in cells of the `cpts` column (a commune in several CPTS has them joined by
    « ; »; missing cells are skipped), each once, sorted. The same for any column joined so."""
    return sorted({n for v in values if not pd.isna(v) for n in str(v).split(NAMES_SEPARATOR)})


def filter_table(df: pd.DataFrame, departement: str | None = None, epci: str | None = None,
                 bassin_vie: str | None = None, cpts: str | None = None) -> pd.DataFrame:
    out = df
    if departement:
        out = out[out["departement_code"] == departement]
    if epci:
        out = out[out["epci_nom"] == epci]
    if bassin_vie:
        out = out[out["bassin_vie_nom"] == bassin_vie]
    if cpts:
        out = out[out["cpts"].map(lambda v: cpts in cpts_names([v]))]
    return out


def filter_options(df: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter of the ranking offers for the communes of `df`, sorted."""
    return {"departement": sorted(df["departement_code"].unique()), "epci": sorted(df["epci_nom"].dropna().unique()),
            "bassin_vie": sorted(df["bassin_vie_nom"].dropna().unique()), "cpts": cpts_names(df["cpts"])}


def sort_table(df: pd.DataFrame, column: str, ascending: bool) -> pd.DataFrame:
    """The ranking sorted by `column` (then by code), the communes without value last."""
    return df.sort_values([column, "code"], ascending=[ascending, True], na_position="last")


def ranking_display(df: pd.DataFrame, shown: dict[str, str]) -> pd.DataFrame:
    """The ranking as the page shows it: the columns of `ranking_columns`, French figures and headers."""
    return french_table(df[list(shown)], {c: d for c, d in EXPORT_DIGITS.items() if c in shown}).rename(columns=shown)


def indicator_notice(df: pd.DataFrame, column: str, level: str) -> str | None:
    """What the map of `column` leaves out, in French: our APL low where the 20-minute
    neighbourhood leaves the region, an indicator computed nowhere in the selection, or the
    territories without a value (ten named); None when nothing is missing."""
    values = df[column]
    if column == "apl_santecarte" and values.notna().any() and level != "france":
        return ("Notre APL (méthode de la DREES, temps de trajet estimés) est plus basse qu'en réalité dans les "
                f"{int((~df['apl_santecarte_complet'].fillna(True)).sum())} communes dont le voisinage de "
                f"{MAX_MINUTES_FR} minutes sort de la région : l'offre hors région n'est pas chargée.")
    if column in ("apl_santecarte", "sites_10k") and not values.notna().any():
        return ("Cet indicateur n'existe que là où les lieux d'exercice des généralistes sont chargés : Île-de-France "
                "(RPPS, août 2023). Pour cette sélection, choisissez l'APL de la DREES.")
    if values.isna().any():
        missing = df[values.isna()]
        return (f"{len(missing)} territoire(s) sans valeur (en gris) : "
                + ", ".join(n if level == "france" else f"{n} ({c})"  # a department's name holds its code
                            for n, c in zip(missing["nom"].head(10), missing["code"].head(10)))
                + ("…" if len(missing) > 10 else ""))
    return None


def gp_density_text(density: pd.DataFrame) -> str:
    """The department's GPs per 10,000 inhabitants by source (`departement_gp_density`), as the map's caption."""
    return "Contexte — généralistes pour 10 000 habitants dans le département : " + " ; ".join(
        f"{format_fr(r.pour_10000, 1)} ({r.source})" for r in density.itertuples())


EXPORT_DIGITS = {"population": 0, "apl_2021": 2, "apl_2022": 2, "apl_2023": 2, "apl65_2021": 2, "apl65_2023": 2,
                 "evolution": 2, "evolution_2021_2023": 2, "evolution_2021_2022": 2, "apl_santecarte": 2,
                 "besoin": 2, "sites_10k": 1, "apl_profession": 2}
"""Digits of each exported figure: those of the page (format_fr), so both read the same."""


def export_frame(df: pd.DataFrame, profession: Profession,
                 by_departement: bool = False) -> tuple[pd.DataFrame, dict[str, int]]:
    """The ranking as exported, in the order given (the user's sort): the place columns (of the
    communes, or of the departments on the France view), the APL of the profession chosen (GP:
    every vintage and change) and, on every row, the profession, the year(s), the unit and the
    source (issue #17); with the digits of each figure."""
    values, years = ((GP_EXPORT_COLUMNS, "2021-2023") if profession.key == GP
                     else (PROFESSION_EXPORT_COLUMNS, str(max(profession.years))))
    columns = {**(DEPARTEMENT_PLACE_COLUMNS if by_departement else PLACE_COLUMNS), **values}
    out = df[list(columns)].rename(columns=columns)
    digits = {columns[k]: n for k, n in EXPORT_DIGITS.items() if k in columns}
    mean = " ; APL du département : moyenne de ses communes pondérée par leur population standardisée (règle de la " \
           "DREES)" if by_departement else ""
    out = out.assign(**provenance(profession, years, f"{APL_SOURCE}{mean} ; population légale INSEE"))
    return out, digits


def export_csv(df: pd.DataFrame, profession: Profession = PROFESSIONS[GP], by_departement: bool = False) -> bytes:
    """The ranking as CSV, in the order given (the user's sort), figures as the page shows them."""
    out, digits = export_frame(df, profession, by_departement)
    return export_csv_bytes(out, digits)


def _plain(value, digits: int | None):
    """A JSON-ready value: None for any missing value, Python scalars for NumPy ones, figures
    rounded as the page shows them."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if digits is not None:
        return round_half_up(value, digits)
    return value.item() if isinstance(value, np.generic) else value


def export_geojson(df: pd.DataFrame, profession: Profession = PROFESSIONS[GP], by_departement: bool = False) -> bytes:
    """The ranking as GeoJSON, figures rounded as the page shows them; the geometries (GeoJSON
    text from DuckDB) are written as they are, never parsed again."""
    out, digits = export_frame(df, profession, by_departement)
    names = list(out.columns)
    parts = []
    for row, geometry in zip(out.itertuples(index=False), df["geometry"]):
        props = {k: _plain(v, digits.get(k)) for k, v in zip(names, row)}
        parts.append(f'{{"type":"Feature","properties":{json.dumps(props, ensure_ascii=False)},"geometry":{geometry}}}')
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode("utf-8")


def outline_collection(geometries) -> dict:
    """GeoJSON texts (from DuckDB) as a FeatureCollection for `choropleth_map(outline=…)`."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": json.loads(g)} for g in geometries]}
