"""The APL of the five professions for a commune, a perimeter or a territory, each against its own
national distribution: a profession is never put on another's scale (DREES, APL methodology).

GPs have a threshold (2.5, `indicators.SOUS_DENSE`) and three vintages (2021–2023); the other
professions have 2021 only and no official threshold, so they are classed by the national
quintiles of the communes and compared with the national mean.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from santecarte.core import db
from santecarte.core.numbers import format_fr
from santecarte.core.professions import GP, PROFESSIONS, SOURCE, Profession
from santecarte.domain.indicators import SOUS_DENSE_FR, headline_scopes


def latest_year(p: Profession) -> int:
    return max(p.years)


def caption(p: Profession, year: int, scope: str | None = None) -> str:
    """The line that names what a figure is: profession, unit, year, source."""
    scope = scope or p.main_scope
    age = " de 65 ans et moins" if scope == "moins65" and p.key == GP else ""
    return f"APL {year} aux {p.label.lower()}{age}, en {p.unit} — source : {SOURCE}"


def value_text(p: Profession, value: float | None) -> str:
    """A value with its short unit, in the one number format; « pas d'APL publiée » when missing."""
    if value is None or value != value:
        return "pas d'APL publiée"
    return f"{format_fr(value, p.decimals)} {p.unit_short}"


UNITS = "Unités : " + " ; ".join(f"{p.label.lower()} : {p.unit}" for p in PROFESSIONS.values()) + "."
"""Every profession's unit in one sentence, from the registry: the captions of the profile and the CPTS card."""


PROVENANCE_HEADERS = {"profession": "Profession", "annee_apl": "Année de l'APL", "unite_apl": "Unité de l'APL",
                      "source_apl": "Source de l'APL"}
"""The same columns under French headers, for the exports whose headers are French (simulation)."""


def provenance(p: Profession, years: str, source: str = SOURCE, french: bool = False) -> dict[str, str]:
    """The columns every export of an APL carries, on each row (issue #17): which profession, which
    vintage(s), which unit, which source; `french`: under PROVENANCE_HEADERS."""
    columns = {"profession": p.label, "annee_apl": years, "unite_apl": p.unit, "source_apl": source}
    return {PROVENANCE_HEADERS[k]: v for k, v in columns.items()} if french else columns


def quintile_bounds(con, p: Profession, year: int | None = None) -> list[float]:
    """The four national bounds (20, 40, 60, 80 %) of the communes' APL for one profession."""
    row = db.query(con, "apl_quintiles", profession=p.key, year=year or latest_year(p), scope=p.main_scope).iloc[0]
    return [float(row[c]) for c in ("q20", "q40", "q60", "q80")]


def quintile_bounds_of(values: pd.Series) -> list[float]:
    """The four bounds (20, 40, 60, 80 %) of some values: the departments' means on the France map."""
    return [float(v) for v in values.dropna().quantile([0.2, 0.4, 0.6, 0.8])]


def quintile_class(value: float | None, bounds: list[float]) -> int | None:
    """1 (the lowest fifth of France's communes) … 5 (the highest), None without a value."""
    if value is None or value != value:
        return None
    return 1 + sum(value >= b for b in bounds)


@dataclass(frozen=True)
class ProfessionLine:
    """One profession for one commune: its latest value, the means around it, its rank."""

    profession: Profession
    year: int
    value: float | None
    departement_mean: float | None
    region_mean: float | None
    france_mean: float | None
    rank: int | None           # 1 = the lowest APL of the department
    n_departement: int
    ties: int = 1              # units of the department with exactly this value (itself included)

    @property
    def rank_text(self) -> str:
        if self.rank is None:
            return "—"
        nth = "1re" if self.rank == 1 else f"{format_fr(self.rank, 0)}e"
        tied = f" ex aequo avec {format_fr(self.ties - 1, 0)} autre{'s' if self.ties > 2 else ''}" if self.ties > 1 else ""
        return f"{nth} plus basse{tied} sur {format_fr(self.n_departement, 0)}"


def means(con, dep: str, region: str) -> pd.DataFrame:
    """Weighted means of the department, the region and France (columns departement, region, france)
    indexed by profession, year and scope."""
    return db.query(con, "apl_means", dep=dep, region=region).set_index(["profession", "year", "scope"])


def _mean(table: pd.DataFrame, level: str, p: Profession, year: int, scope: str | None = None) -> float | None:
    key = (p.key, year, scope or p.main_scope)
    value = table[level].get(key) if key in table.index else None
    return None if value is None or pd.isna(value) else float(value)


def unit_values(con, units: list[str]) -> pd.DataFrame:
    """Every APL of a commune from its APL units (or of a perimeter from its communes), per profession,
    year and scope: the unit's own value, or the mean weighted by standardised population (DREES
    rule). Columns: profession, year, scope, apl, pop_std, pop_totale."""
    return db.query(con, "apl_weighted", codes=units)


def by_year(own: pd.DataFrame, p: Profession) -> pd.DataFrame:
    """The rows of `unit_values` for profession `p` in its main scope, indexed by year."""
    return own[(own["profession"] == p.key) & (own["scope"] == p.main_scope)].set_index("year")


def value_of(own: pd.DataFrame, p: Profession, year: int) -> float | None:
    """The APL of profession `p` (main scope) for `year` in `unit_values`, None where none is published."""
    rows = by_year(own, p)
    return float(rows.loc[year, "apl"]) if year in rows.index and pd.notna(rows.loc[year, "apl"]) else None


@dataclass(frozen=True)
class Surroundings:
    """What a commune's lines and trend both read: its own values (`unit_values`) and the means of
    its department, region and France (`means`); read once for both."""

    own: pd.DataFrame
    means: pd.DataFrame


def surroundings(con, units: list[str], dep: str, region: str) -> Surroundings:
    return Surroundings(unit_values(con, units), means(con, dep, region))


def commune_lines(con, units: list[str], dep: str, region: str, rank_among_units: bool = True,
                  known: Surroundings | None = None) -> list[ProfessionLine]:
    """One line per profession for a commune (its APL units: itself, or a PLM city's arrondissements):
    the latest vintage, the department, region and France means, and the rank in the department
    (left out for a PLM city, which would be ranked among its own arrondissements)."""
    known = known or surroundings(con, units, dep, region)
    own, around = known.own, known.means
    department = db.query(con, "departement_apl_all", dep=dep) if rank_among_units else None
    lines = []
    for p in PROFESSIONS.values():
        year = latest_year(p)
        value = value_of(own, p, year)
        rank, n, ties = None, 0, 1
        if department is not None:
            others = department[(department["profession"] == p.key) & (department["year"] == year)
                                & (department["scope"] == p.main_scope)]
            n = len(others)
            rank = int((others["apl"] < value).sum()) + 1 if value is not None and n else None
            ties = max(1, int((others["apl"] == value).sum())) if value is not None else 1
        lines.append(ProfessionLine(p, year, value, _mean(around, "departement", p, year), _mean(around, "region", p, year),
                                    _mean(around, "france", p, year), rank, n, ties))
    return lines


def lines_table(lines: list[ProfessionLine]) -> pd.DataFrame:
    """The professions' lines as a French table: every figure with its unit and year."""
    return pd.DataFrame([{
        "Profession": line.profession.label,
        "Année": str(line.year),
        "APL de la commune": value_text(line.profession, line.value),
        "Moyenne du département": value_text(line.profession, line.departement_mean),
        "Moyenne nationale": value_text(line.profession, line.france_mean),
        "Rang dans le département": line.rank_text,
    } for line in lines])


def gp_trend(con, units: list[str], dep: str, dep_name: str, region: str, region_name: str, name: str,
             known: Surroundings | None = None) -> pd.DataFrame:
    """The GP APL (all ages) of a commune, its department, region and France for every vintage:
    columns territoire, year, apl."""
    p = PROFESSIONS[GP]
    known = known or surroundings(con, units, dep, region)
    around = known.means
    rows = [{"territoire": name, "year": y, "apl": value_of(known.own, p, y)} for y in p.years]
    for level, label in (("departement", dep_name), ("region", region_name), ("france", "France")):
        rows += [{"territoire": label, "year": y, "apl": _mean(around, level, p, y)} for y in p.years]
    return pd.DataFrame(rows)


def perimeter_table(con, codes: list[str], dep: str, region: str, name: str) -> pd.DataFrame:
    """The five professions for a perimeter (a CPTS) against its department, region and France:
    one row per profession; the perimeter's value weighted by standardised population (DREES rule)."""
    around = means(con, dep, region)
    own = unit_values(con, codes)
    rows = []
    for p in PROFESSIONS.values():
        year = latest_year(p)
        rows.append({"profession": p.key, "label": p.label, "year": year, "unit": p.unit_short,
                     name: value_of(own, p, year),
                     "département": _mean(around, "departement", p, year),
                     "région": _mean(around, "region", p, year), "France": _mean(around, "france", p, year)})
    return pd.DataFrame(rows)


def territory_values(con, p: Profession, level: str, code: str = "") -> pd.DataFrame:
    """The latest APL of profession `p` for every APL unit of France, a region or a department."""
    return db.query(con, "apl_values", level=level, code=code, profession=p.key, year=latest_year(p),
                    scope=p.main_scope)


def territory_mean(con, p: Profession, level: str, code: str = "", year: int | None = None,
                   scope: str | None = None) -> float | None:
    """The mean APL of a department, a region or France ('france', code ignored), DREES rule, as built."""
    dep, region = (code, "") if level == "departement" else ("", code) if level == "region" else ("", "")
    return _mean(means(con, dep, region), level, p, year or latest_year(p), scope)


def national_mean(con, p: Profession, year: int | None = None, scope: str | None = None) -> float | None:
    return territory_mean(con, p, "france", "", year, scope)


def national_statement(con, p: Profession, year: int | None = None, scope: str | None = None,
                       of: str = "communes") -> str:
    """The national mean of a vintage (the latest by default), stated plainly with its unit, and
    what the classes of the map are: quintiles of the `of` shown (« communes », or « départements »
    on the France map)."""
    year, scope = year or latest_year(p), scope or p.main_scope
    age = " de 65 ans et moins" if p.key == GP and scope == "moins65" else ""
    mean = format_fr(national_mean(con, p, year, scope), p.mean_decimals)
    text = (f"Moyenne nationale {year} des {p.label.lower()}{age} : {mean} {p.unit_short} ({p.unit} ; moyenne "
            "des communes pondérée par la population standardisée, règle de la DREES ; source : "
            f"{SOURCE}).")
    if p.key == GP:
        return text + f" Seuil de sous-densité : {SOUS_DENSE_FR} consultations par habitant et par an."
    return (text + f" Il n'y a pas de seuil officiel de sous-densité pour cette profession : la carte classe les "
            f"{of} par quintile national (cinq groupes de même nombre de {of}). Le seuil de "
            f"{SOUS_DENSE_FR} consultations ne vaut que pour les médecins généralistes.")


def headline(con, p: Profession, level: str, code: str, region: str, region_name: str) -> pd.DataFrame:
    """« Chiffres clés » of a profession other than GPs: the mean (DREES rule) and the communes in
    the lowest national fifth, for the selection, its region and France."""
    year, bounds = latest_year(p), quintile_bounds(con, p)
    rows = []
    for name, lvl, cde in headline_scopes("apl_profession", level, code, region, region_name):
        values = territory_values(con, p, lvl, cde)
        if values.empty:
            continue
        low = values[values["apl"] < bounds[0]]
        rows.append({"Territoire": name, f"APL moyenne {year} (pondérée)": value_text(p, territory_mean(con, p, lvl, cde)),
                     "Communes parmi les 20 % les moins dotées de France":
                         f"{format_fr(len(low), 0)} / {format_fr(len(values), 0)}",
                     f"Population de ces communes (DREES {year})": format_fr(low["pop_totale"].sum(), 0)})
    return pd.DataFrame(rows)
