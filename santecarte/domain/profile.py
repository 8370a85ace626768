"""A commune's profile for elected officials: its population and need, its access to GPs against
its department, region and France, the supply around it, its zonage and CPTS. One object, drawn
by the page (`pages/profil.py`) and by the PDF (`santecarte/views/report.py`) alike, so both show the
same figures. Paris, Lyon and Marseille are profiled as the city (its arrondissements, DREES
aggregation rule) or arrondissement by arrondissement."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.accessibility.travel import MODEL_LABEL
from santecarte.core import db
from santecarte.core.numbers import format_fr, french_table, whole_minutes
from santecarte.core.professions import GP, PROFESSIONS
from santecarte.domain import userdata, zonage
from santecarte.domain.communes import cpts_names, outline_collection
from santecarte.domain.indicators import SOUS_DENSE_FR
from santecarte.domain.installation import departement_table, msp_within, zonage_text
from santecarte.domain.professions import (
    UNITS,
    ProfessionLine,
    by_year,
    commune_lines,
    gp_trend,
    lines_table,
    surroundings,
    value_of,
)
from santecarte.domain.travel import reachable
from santecarte.domain.travel_notice import times_notice
from santecarte.domain.zonage_agreement import indicative_agreement

YEARS = (2022, 2023)
LEVELS = {"departement": "du département", "region": "de la région", "france": "de France"}
SOURCES = {
    "population": "Population légale (INSEE 2023, en vigueur en 2026), via Etalab",
    "besoin": "DREES, population standardisée par l'âge 2023 ÷ population 2023",
    "apl": "DREES, APL aux médecins généralistes 2022 et 2023",
    "apl_trend": "DREES, APL aux médecins généralistes 2021, 2022 et 2023 (indicateurs APL)",
    "professions": "DREES, indicateurs APL 2021 (2023 pour les médecins) ; unités différentes par profession : jamais "
                   "comparées entre elles",
    "gp_sites": "RPPS (ANS), lieux d'exercice des médecins généralistes, août 2023 — Île-de-France seulement",
    "msp": "FINESS (DREES), extraction du 8 janvier 2021",
    "cpts": "ARS Provence-Alpes-Côte d'Azur, liste de janvier 2026 ; ailleurs, périmètres partiels de documents publics",
    "voisins": f"Temps de trajet : {MODEL_LABEL}, ou la matrice routière fournie entre deux communes qu'elle couvre ; "
               "APL DREES 2023",
}
APL_MEANING = ("L'APL (accessibilité potentielle localisée, DREES) compte les consultations de médecin généraliste "
               f"accessibles en un an par habitant, en tenant compte des médecins installés à moins de {MAX_MINUTES_FR} "
               "minutes et de "
               "l'âge des habitants.")
SOUS_DENSE_MEANING = (f"Une commune est dite « sous-dense » quand son APL est inférieure à {SOUS_DENSE_FR} "
                      "consultations par habitant et par an : c'est le seuil retenu par la DREES et pour le zonage des "
                      f"médecins ; de {SOUS_DENSE_FR} à 4, elle est « fragile ».")


POPULATION_LABEL = "Population légale (INSEE 2023, en vigueur en 2026)"
NO_NEIGHBOUR = (f"Aucune autre commune à moins de {MAX_MINUTES_FR} minutes selon les temps de trajet utilisés : île "
                "sans pont, ou relief qui allonge les trajets (voir la ligne sur les temps de trajet ci-dessous).")
CITY_RANKS = ("Paris, Lyon et Marseille sont comparées aux communes de leur région et de France seulement (chaque "
              "arrondissement de Paris, Lyon et Marseille y compte pour une commune) : le département de Paris est la "
              "ville elle-même, et ses arrondissements ne sont pas des communes voisines.")


class UnknownCommune(LookupError):
    """A code that names no current commune, arrondissement or former commune (French message)."""


@dataclass
class Profile:
    code: str
    nom: str
    departement_code: str
    departement: str
    region_code: str
    region: str
    units: list[str]
    is_city: bool                      # Paris, Lyon or Marseille as a whole
    population: float | None           # legal population (INSEE 2023, in force in 2026)
    population_apl: dict[int, float | None]  # DREES population of each APL year (the APL's and simulation's)
    besoin: float | None
    apl: dict[int, float | None]
    zonage: str
    cpts: str | None
    epci: str | None
    bassin_vie: str | None
    ranks: pd.DataFrame                # niveau, year, n_inferieur, n, part (share of units with a lower APL)
    gp_sites: float | None             # GP practice activities in the commune, where loaded
    gp_density: pd.DataFrame           # source, pour_10000 of the department
    msp: pd.DataFrame
    area: pd.DataFrame                 # the commune and its neighbours within 20 minutes, nearest first (a city:
                                       # its arrondissements in number order, no minutes): code, nom, minutes,
                                       # apl_2022, apl_2023, geometry, is_self
    trend: pd.DataFrame                # territoire, year, apl: the GP APL 2021–2023 of the commune, its
                                       # department, region and France (`professions.gp_trend`)
    professions: list[ProfessionLine]  # one line per profession, latest vintage (`professions.commune_lines`);
                                       # a city is not ranked among its own arrondissements
    notices: list[str] = field(default_factory=list)
    zonage_reliability: str | None = None   # how often the indicative zonage matched the official one,
                                            # when the profile shows an indicative zonage
    times_notice: str = ""             # which travel times the 20-minute neighbours rest on (travel_notice);
                                       # empty for a city, whose arrondissements are listed without travel time

    @property
    def has_apl(self) -> bool:
        return self.apl.get(2023) is not None

    def outline(self) -> dict:
        """GeoJSON of the commune's own contour(s), drawn over the neighbours' map."""
        return outline_collection(self.area[self.area["is_self"]]["geometry"].dropna())

    @property
    def neighbours(self) -> pd.DataFrame:
        """The communes within 20 minutes, nearest first; for a city, its arrondissements (1er … 20e)."""
        return self.area[~self.area["is_self"]].reset_index(drop=True)


def commune_code(con, raw: str) -> tuple[str, list[str]]:
    """The current code for a code given in a link or a search, with a notice when it is a
    former commune's; UnknownCommune otherwise."""
    code = (raw or "").strip().upper()[:10]
    rows = db.query(con, "commune_lookup", code=code)
    if rows.empty:
        raise UnknownCommune(f"Aucune commune n'a le code « {code} ».")
    if rows["old_code"].isna().all():
        return code, []
    new = rows.iloc[0]["code"]
    names = db.query(con, "commune_identity", code=new)
    nom = names.iloc[0]["nom"] if len(names) else new
    notice = (f"Le code {code} est celui d'une ancienne commune, fusionnée depuis : voici {nom} ({new}), la commune "
              "qui l'a absorbée.")
    if len(rows) > 1:
        notice += f" Le code a aussi été repris par : {', '.join(rows['code'].iloc[1:])}."
    return new, [notice]


def build(con, code: str, notices: list[str] | None = None, rows: pd.DataFrame | None = None,
          private: pd.DataFrame | None = None) -> Profile:
    """The profile of the current commune or arrondissement `code` (see `commune_code`); `rows`:
    the `territory_communes` of its department (`codes.departement_of`) when the caller has them
    cached (40 ms saved), read here otherwise; `private`: the visitor's own zonage import not
    published (`zonage.private_import`), if any."""
    ident = db.query(con, "commune_identity", code=code)
    if ident.empty:
        raise UnknownCommune(f"Aucune commune n'a le code « {code} ».")
    who = ident.iloc[0]
    units = list(who["units"])
    if rows is not None and (rows.empty or not rows["departement_code"].eq(who["departement_code"]).all()):
        rows = None  # another department's: read the right one
    table = departement_table(con, who["departement_code"], rows=rows, private=private)
    rows = table[table["code"].isin(units)]
    notices = list(notices or [])
    is_city = not bool(who["apl_unit"])

    known = surroundings(con, units, who["departement_code"], who["region_code"])
    gp = by_year(known.own, PROFESSIONS[GP])
    apl = {y: value_of(known.own, PROFESSIONS[GP], y) for y in YEARS}
    population_apl = {y: float(gp.loc[y, "pop_totale"]) if y in gp.index else None for y in YEARS}
    besoin = (float(gp.loc[2023, "pop_std"] / gp.loc[2023, "pop_totale"])
              if 2023 in gp.index and gp.loc[2023, "pop_totale"] > 0 else None)
    if is_city:
        notices.append(f"{who['nom']} est publiée par la DREES arrondissement par arrondissement : les chiffres de la ville "
                       "sont la moyenne de ses arrondissements pondérée par leur population standardisée (règle de la "
                       "DREES), et la dernière section liste ses arrondissements.")
    if apl[2023] is None:
        notices.append("La DREES ne publie pas d'APL pour Mayotte : l'accès aux médecins n'y est pas mesuré."
                       if who["departement_code"] == "976" else "La DREES ne publie pas d'APL pour cette commune.")

    ranks = db.query(con, "apl_rank", dep=who["departement_code"], region=who["region_code"],
                     value_2022=apl[2022], value_2023=apl[2023])
    if is_city:  # its department is (Paris) or holds its own arrondissements: region and France only
        ranks = ranks[ranks["niveau"] != "departement"].reset_index(drop=True)
    ranks["part"] = ranks["n_inferieur"] / ranks["n"].where(ranks["n"] > 0)
    if apl[2023] is None:
        ranks["part"] = float("nan")

    if is_city:
        near = pd.DataFrame({"code": units, "minutes": float("nan")})
        msp = (db.query(con, "msp_gp_layer", codes=units).assign(minutes=float("nan"))
               .sort_values(["commune_code", "nom"]).reset_index(drop=True))  # by arrondissement number
    else:
        near = reachable(con, code)
        msp = msp_within(con, code, near)
        near = near[["code", "minutes"]]
    area = near.merge(db.query(con, "communes_with_apl", codes=list(near["code"])), on="code")
    area["is_self"] = area["code"].isin(units) & (not is_city)

    zonages = rows.assign(text=[zonage_text(r) for _, r in rows.iterrows()])["text"]
    zonage = zonages.iloc[0] if zonages.nunique() == 1 else "; ".join(
        f"{t} ({n} arrondissements)" for t, n in zonages.value_counts().items())
    names = lambda col: "; ".join(cpts_names(rows[col])) or None  # noqa: E731
    dep_name, region_name = f"{who['departement']} (département)", f"{who['region']} (région)"
    trend = gp_trend(con, units, who["departement_code"], dep_name, who["region_code"], region_name, who["nom"], known)
    lines = commune_lines(con, units, who["departement_code"], who["region_code"], rank_among_units=not is_city,
                          known=known)
    sites = rows["n_activites"].sum(min_count=1)
    return Profile(
        code=code, nom=who["nom"], departement_code=who["departement_code"], departement=who["departement"],
        region_code=who["region_code"], region=who["region"], units=units, is_city=is_city,
        population=None if pd.isna(who["population"]) else float(who["population"]), population_apl=population_apl,
        besoin=besoin, apl=apl,
        zonage=zonage if len(rows) else "aucun", zonage_reliability=_reliability(con, rows), cpts=names("cpts"),
        epci=names("epci_nom"),
        bassin_vie=names("bassin_vie_nom"), ranks=ranks,
        gp_sites=None if pd.isna(sites) else float(sites),
        gp_density=db.query(con, "departement_gp_density", dep=who["departement_code"]), msp=msp,
        area=area.sort_values(["code"] if is_city else ["minutes", "nom", "code"]).reset_index(drop=True)
        .assign(minutes=lambda t: whole_minutes(t["minutes"])),
        trend=trend, professions=lines, notices=notices, times_notice="" if is_city else times_notice(con, units))


TREND_YEARS = PROFESSIONS[GP].years  # the GP vintages, as the registry lists them
PROFESSIONS_UNITS = UNITS
PROFESSIONS_READING = ("Rang dans le département : 1re = l'APL la plus faible parmi les communes du département (chaque "
                       "arrondissement de Paris, Lyon et Marseille y compte pour une). Moyennes : communes pondérées "
                       "par leur population standardisée (règle de la DREES).")
PROFESSIONS_CITY = ("Paris, Lyon et Marseille n'ont pas de rang dans le département : le département de Paris est la "
                    "ville elle-même, et ceux de Lyon et Marseille comptent ses arrondissements comme communes. "
                    "Moyennes : communes pondérées par leur population standardisée (règle de la DREES).")


def trend_display(profile: Profile) -> pd.DataFrame:
    """The GP APL 2021–2023 as a French table: one row per territory (the commune, its department,
    region, France), one column per year, 2 decimals, « — » where no APL is published."""
    wide = profile.trend.pivot(index="territoire", columns="year", values="apl")
    wide = wide.reindex(list(dict.fromkeys(profile.trend["territoire"])))
    return pd.DataFrame({"Territoire": wide.index,
                         **{str(y): [format_fr(v, 2) for v in wide[y]] if y in wide.columns else "—"
                            for y in TREND_YEARS}})


def professions_display(profile: Profile) -> pd.DataFrame:
    """The five professions' lines as the page and the PDF list them (`professions.lines_table`):
    profession, year, the commune's APL, department and national means with their unit, the rank."""
    table = lines_table(profile.professions)
    if profile.is_city:  # its department is the city or holds its arrondissements: no rank (CITY_RANKS)
        table = table.drop(columns="Rang dans le département")
    return table


def professions_print(profile: Profile) -> pd.DataFrame:
    """The professions' lines for paper, narrower than `professions_display`: the unit once, by the
    profession's name, the figures alone (the same digits), « — » where none is published."""
    rows = [{
        "Profession (unité)": f"{line.profession.label} ({line.profession.unit_short})",
        "Année": str(line.year),
        "Commune": format_fr(line.value, line.profession.decimals),
        "Moyenne du département": format_fr(line.departement_mean, line.profession.decimals),
        "Moyenne nationale": format_fr(line.france_mean, line.profession.decimals),
        "Rang dans le département": line.rank_text,
    } for line in profile.professions]
    table = pd.DataFrame(rows)
    return table.drop(columns="Rang dans le département") if profile.is_city else table


NEIGHBOUR_DIGITS = {"minutes": 0, "apl_2022": 2, "apl_2023": 2}


def neighbours_display(profile: Profile) -> pd.DataFrame:
    """The neighbours as the page lists them: commune (a city: arrondissement), code, whole minutes,
    APL 2022 and 2023, French headers and numbers, « — » where a value is missing; a city's
    arrondissements have no travel time, so no minutes column."""
    columns = {"nom": "Commune" if not profile.is_city else "Arrondissement", "code": "Code",
               "minutes": "Minutes (estimées)", "apl_2022": "APL 2022", "apl_2023": "APL 2023"}
    if profile.is_city:  # the arrondissements make the city: no travel time, in number order
        columns.pop("minutes")
    return french_table(profile.neighbours[list(columns)], NEIGHBOUR_DIGITS).rename(columns=columns)


def population_note(profile: Profile) -> str:
    """Which population is which: the legal one shown, the DREES one of the APL years (the one
    the APL and the simulation use)."""
    years = [f"{format_fr(v, 0)} en {y}" for y, v in profile.population_apl.items() if v is not None]
    text = f"{POPULATION_LABEL} : la population officielle de la commune."
    if years:
        text += (" L'APL et la page « Simulation » utilisent la population de l'année de l'APL publiée par la DREES : "
                 f"{' et '.join(years)}.")
    return text


def _reliability(con, rows: pd.DataFrame) -> str | None:
    """The indicative zonage's agreement with the official one, where `rows` show an indicative zonage."""
    if not (rows["zonage_statut"] == zonage.INDICATIVE).any():
        return None
    agreement = indicative_agreement(con, userdata.imported_zonage())
    return agreement.sentence() if agreement else None


def share_fr(part: float, short: bool = False) -> str:
    """A share (0 to 1) as a percentage, « % » included, never rounded to « 100 % » or « 0 % »
    when it is not: 1 283 of 1 285 is « 99,8 % », not « 100 % » (read as « the highest APL of
    the region »); 34 876 of 34 890 is « plus de 99,9 % » (`short`: « > 99,9 % », a bar's label)."""
    pct = 100 * float(part)
    if pct in (0, 100) or 1 <= pct <= 99:
        return f"{format_fr(pct, 0)} %"
    if 0.05 <= pct <= 99.95:
        return f"{format_fr(pct, 1)} %"
    if short:
        return "< 0,1 %" if pct < 50 else "> 99,9 %"
    return "moins de 0,1 %" if pct < 50 else "plus de 99,9 %"


def rank_reading(profile: Profile) -> str:
    """What the rank bars' percentages are a share of, in words."""
    if profile.is_city:
        return ("Lecture : part, parmi les communes de la région ou de France qui ont une APL publiée (chaque "
                f"arrondissement comptant pour une), de celles dont l'APL est plus basse que celle de {profile.nom}.")
    return ("Lecture : part, parmi les communes du territoire qui ont une APL publiée (la commune comprise, d'où jamais "
            "100 % ; chaque arrondissement de Paris, Lyon et Marseille comptant pour une), de celles dont l'APL est plus "
            f"basse que celle de {profile.nom}.")


def rank_sentences(profile: Profile, year: int = 2023) -> list[str]:
    """« 77 % des communes du département ont une APL 2023 plus basse (196 sur 253) », per level
    (a city: region and France only, see CITY_RANKS); the share by `share_fr` (1 283 of 1 285:
    « 99,8 % », not « 100 % »)."""
    by_level = profile.ranks[profile.ranks["year"] == year].set_index("niveau")
    return [f"{share_fr(r['part'])} des communes {words} ont une APL {year} plus basse "
            f"({format_fr(r['n_inferieur'], 0)} sur {format_fr(r['n'], 0)})"
            for level, words in LEVELS.items() if level in by_level.index
            for r in [by_level.loc[level]] if pd.notna(r["part"])]


def rank_table(profile: Profile) -> pd.DataFrame:
    """Share of the communes of each level with a lower APL (niveau label, year, percent)."""
    names = {"departement": "Département", "region": "Région", "france": "France"}
    rows = profile.ranks.dropna(subset=["part"])
    return pd.DataFrame({"niveau": rows["niveau"].map(names), "year": rows["year"], "percent": 100 * rows["part"]})


