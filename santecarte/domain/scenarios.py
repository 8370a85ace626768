"""« What if » for a territory: GPs leave or arrive, a permanence of N half-days opens; the APL
recomputed on top of the DREES baseline with the engine's exact deltas; the greedy placement of
k more GPs; scenarios saved as a file or a link and read back with every field checked.

Outside the regions whose GP sites are loaded, nobody here knows how many GPs a commune has:
a departure needs the number practising there, stated by the user, so supply never goes
negative (`check`)."""
from __future__ import annotations

import base64
import json
import zlib
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from santecarte.accessibility.engine import CONSULTATIONS_PER_GP, Catchment
from santecarte.accessibility.simulate import Change, simulate
from santecarte.core import db
from santecarte.core.files import json_problem, too_big_message
from santecarte.core.numbers import format_fr
from santecarte.domain.indicators import SOUS_DENSE, SOUS_DENSE_FR
from santecarte.domain.travel import travel_times
from santecarte.pipeline.network_inputs import demand_for_year

VERSION = 1
KINDS = {
    "depart": "Départ de médecins (ETP)",
    "arrivee": "Arrivée de médecins (ETP)",
    "permanence": "Permanence (demi-journées par semaine)",
}
MAX_FTE = 100.0
"""More GPs than this leaving or arriving at one commune in one step is an input error."""
MAX_HALF_DAYS = 50.0
"""A permanence of more than 50 half-days a week (5 GPs full time, 7 days) is an input error."""
MAX_STEPS = 200
MAX_FILE_BYTES = 1024**2
YEARS = (2022, 2023)
MAX_TERRITORY_CHARS = 20_000
"""« communes:85018,85047,… »: a drawn set of up to ~3,000 communes."""
URL_MAX = 1800
"""A scenario is shared in the address only when its encoded form stays under this length."""


class ScenarioError(ValueError):
    """A scenario that cannot be used, with a French message naming what is wrong."""


@dataclass(frozen=True)
class Step:
    commune: str
    kind: str                         # a key of KINDS
    quantity: float                   # FTE for departures and arrivals, half-days a week for a permanence
    declared_fte: float | None = None  # GPs practising there before a departure, stated by the user

    def change(self) -> Change:
        if self.kind == "permanence":
            return Change(self.commune, half_days=self.quantity)
        return Change(self.commune, fte=-self.quantity if self.kind == "depart" else self.quantity)


@dataclass
class Scenario:
    name: str
    territory: str                    # "departement:85" or "cpts:<id>"
    year: int                         # DREES APL baseline (2022 or 2023)
    steps: list[Step] = field(default_factory=list)
    version: int = VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    def to_url(self) -> str | None:
        """The scenario for a link (?scenario=…), or None when it is too long for one."""
        packed = base64.urlsafe_b64encode(zlib.compress(json.dumps(asdict(self), separators=(",", ":")).encode(), 9))
        text = packed.decode().rstrip("=")
        return text if len(text) <= URL_MAX else None


KEYS = ("version", "name", "territory", "year", "steps")
"""The keys of a scenario file, all required (`Scenario.to_json` writes every one)."""
STEP_KEYS = ("commune", "kind", "quantity", "declared_fte")
STEP_REQUIRED = ("commune", "kind", "quantity")


def number_fr(value: float) -> str:
    """A number typed by a user, written back in French: « 1,5 », « -5 », « 1 000 000 000 »."""
    text = format_fr(value, 3)
    return text.rstrip("0").rstrip(",") if "," in text else text


def json_kind(value) -> str:
    """What a JSON value is, in French, for messages naming a wrong type."""
    if value is None:
        return "null (vide)"
    if isinstance(value, bool):
        return f"un booléen ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"un nombre ({number_fr(value) if np.isfinite(value) else value})"
    if isinstance(value, str):
        return f"un texte (« {value[:30]} »)"
    if isinstance(value, list):
        return "une liste [ … ]"
    if isinstance(value, dict):
        return "un objet { … }"
    return "une valeur inconnue"


def as_number(value, what: str) -> float:
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        raise ScenarioError(f"{what} : nombre attendu, lu {json_kind(value)}.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ScenarioError(f"{what} : « {str(value)[:20]} » n'est pas un nombre.") from None
    if not np.isfinite(number):
        raise ScenarioError(f"{what} : valeur non finie.")
    return number


def _keys_problem(keys, expected: tuple[str, ...], required: tuple[str, ...]) -> str:
    missing = [k for k in required if k not in keys]
    unknown = [str(k)[:30] for k in keys if k not in expected]
    said = []
    if missing:
        said.append(f"{'clé manquante' if len(missing) == 1 else 'clés manquantes'} : "
                    + ", ".join(f"« {k} »" for k in missing))
    if unknown:
        said.append(f"{'clé inconnue' if len(unknown) == 1 else 'clés inconnues'} : "
                    + ", ".join(f"« {k} »" for k in unknown[:10]) + (" …" if len(unknown) > 10 else ""))
    return " ; ".join(said)


def parse(document: dict) -> Scenario:
    """A Scenario from its JSON object: its structure first (an object with the keys version,
    name, territory, year, steps, of the right types), then every value (ScenarioError in
    French naming what is wrong)."""
    if not isinstance(document, dict):
        raise ScenarioError(f"Le fichier n'est pas un scénario SantéCarte : un objet JSON {{ … }} est attendu, le fichier "
                            f"contient {json_kind(document)}.")
    problem = _keys_problem(document, KEYS, KEYS)
    if problem:
        raise ScenarioError(f"Le fichier n'est pas un scénario SantéCarte : {problem} (attendu : un objet avec les clés "
                            f"{', '.join(KEYS)}).")
    if document["version"] != VERSION or isinstance(document["version"], bool):
        raise ScenarioError(f"Version de scénario non prise en charge : « {str(document['version'])[:20]} » "
                            f"(attendue : {VERSION}).")
    if not isinstance(document["name"], str):
        raise ScenarioError(f"« name » (nom du scénario) : texte attendu, lu {json_kind(document['name'])}.")
    year = document["year"]
    if not isinstance(year, int) or isinstance(year, bool):
        raise ScenarioError(f"« year » (année de l'APL de départ) : nombre entier attendu (2022 ou 2023), "
                            f"lu {json_kind(year)}.")
    if year not in YEARS:
        raise ScenarioError(f"Année de référence inconnue : « {year} » (2022 ou 2023).")
    territory = document["territory"]
    if not isinstance(territory, str):
        raise ScenarioError(f"Territoire mal formé : « territory » doit être un texte comme « departement:85 », "
                            f"lu {json_kind(territory)}.")
    if ":" not in territory or len(territory) > MAX_TERRITORY_CHARS:
        raise ScenarioError(f"Territoire mal formé : « {territory[:40]} » (attendu par exemple « departement:85 », "
                            "« cpts:PACA-01 » ou « communes:85018,85047 »).")
    steps = document["steps"]
    if not isinstance(steps, list):
        raise ScenarioError(f"« steps » (liste des étapes) : liste [ … ] attendue, lu {json_kind(steps)}.")
    if len(steps) > MAX_STEPS:
        raise ScenarioError(f"Liste d'étapes trop longue : {len(steps)} étapes (au plus {MAX_STEPS}).")
    out = []
    for k, raw in enumerate(steps, start=1):
        where = f"Étape {k}"
        if not isinstance(raw, dict):
            raise ScenarioError(f"{where} : objet {{ … }} attendu, lu {json_kind(raw)}.")
        problem = _keys_problem(raw, STEP_KEYS, STEP_REQUIRED)
        if problem:
            raise ScenarioError(f"{where} : {problem} (attendu : {', '.join(STEP_KEYS)}).")
        if not isinstance(raw["commune"], str):
            raise ScenarioError(f"{where} : « commune » doit être un code INSEE entre guillemets, lu "
                                f"{json_kind(raw['commune'])}.")
        kind = raw["kind"]
        if kind not in KINDS:
            raise ScenarioError(f"{where} : type « {str(kind)[:30]} » inconnu (attendu : {', '.join(KINDS)}).")
        quantity = as_number(raw["quantity"], where)
        declared = raw.get("declared_fte")
        declared = None if declared is None else as_number(declared, f"{where}, médecins déclarés")
        out.append(Step(raw["commune"][:10].strip().upper(), kind, quantity, declared))
    return Scenario(document["name"][:120] or "Scénario", territory, year, out)


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()


def typed_number(value, what: str) -> float:
    """A number typed in the editor, French or not: « 1,5 », « 1.5 », « 1 000 », « -5 »."""
    if isinstance(value, str):
        value = value.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return as_number(value, what)


def editor_steps(rows: pd.DataFrame) -> list[Step]:
    """The steps typed in the page's editor (columns commune, type — a label of KINDS —,
    quantite, medecins_declares, as text), every empty or wrong cell named by its line, in
    French. Values are taken as typed: a negative number is refused by `check`, never clamped."""
    kinds_by_label = {v: k for k, v in KINDS.items()}
    steps = []
    for k, r in enumerate(rows.itertuples(index=False), start=1):
        where = f"Ligne {k}"
        if _blank(r.commune):
            raise ScenarioError(f"{where} : choisissez la commune.")
        if r.type not in kinds_by_label:
            raise ScenarioError(f"{where} : choisissez le type de changement.")
        if _blank(r.quantite):
            raise ScenarioError(f"{where} : indiquez la quantité (ETP, ou demi-journées pour une permanence).")
        declared = None if _blank(r.medecins_declares) else typed_number(r.medecins_declares, f"{where}, médecins déclarés")
        steps.append(Step(str(r.commune), kinds_by_label[r.type], typed_number(r.quantite, where), declared))
    return steps


def read(data: bytes | str) -> Scenario:
    """A Scenario from a saved file or a link parameter (ScenarioError in French)."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise ScenarioError(too_big_message(len(data), MAX_FILE_BYTES))
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError("Le fichier n'est pas du texte UTF-8 : attendu un scénario .json de SantéCarte.") from None
    text = data.strip()
    if not text.startswith(("{", "[")):  # a link parameter
        try:
            text = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))).decode()
        except Exception:
            raise ScenarioError("lien illisible (tronqué ?).") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"JSON invalide, {json_problem(exc)}.") from None
    return parse(document)


def check(scenario: Scenario, known: set[str], row: str = "Étape") -> None:
    """Refuse what cannot be simulated: unknown communes, negative or out-of-range quantities,
    departures without the number of GPs practising there, or more departures than that number.
    `row` names a step in messages: « Étape » in a file, « Ligne » in the page's editor."""
    departures: dict[str, float] = {}
    declared: dict[str, float] = {}
    for k, step in enumerate(scenario.steps, start=1):
        where = f"{row} {k}"
        if step.commune not in known:
            raise ScenarioError(f"{where} : commune inconnue « {step.commune} » (code INSEE attendu, dans le territoire).")
        limit = MAX_HALF_DAYS if step.kind == "permanence" else MAX_FTE
        if step.quantity < 0:
            raise ScenarioError(f"{where} : quantité négative ({number_fr(step.quantity)}) refusée : indiquez un nombre "
                                "positif et choisissez le type de changement (départ ou arrivée).")
        if not 0 < step.quantity <= limit:
            raise ScenarioError(f"{where} : quantité {number_fr(step.quantity)} hors limites (plus de 0, au plus "
                                f"{number_fr(limit)}).")
        if step.kind == "depart":
            if step.declared_fte is None:
                raise ScenarioError(f"{where} : indiquez combien de médecins (ETP) exercent à {step.commune} avant le "
                                    "départ : SantéCarte ne connaît pas le nombre de généralistes d'une commune.")
            if step.declared_fte < 0:
                raise ScenarioError(f"{where} : nombre de médecins déclarés négatif ({number_fr(step.declared_fte)}) "
                                    "refusé : indiquez combien de médecins (ETP) exercent dans la commune avant le départ.")
            if not step.declared_fte <= 10 * MAX_FTE:
                raise ScenarioError(f"{where} : nombre de médecins déclarés {number_fr(step.declared_fte)} hors limites "
                                    f"(au plus {number_fr(10 * MAX_FTE)}).")
            departures[step.commune] = departures.get(step.commune, 0.0) + step.quantity
            declared[step.commune] = max(declared.get(step.commune, 0.0), step.declared_fte)
    for commune, gone in departures.items():
        if gone > declared[commune] + 1e-9:
            raise ScenarioError(f"Plus de départs ({number_fr(gone)} ETP) que de médecins déclarés "
                                f"({number_fr(declared[commune])}) à {commune} : l'offre ne peut pas devenir négative.")


# --- the engine for the whole of France -------------------------------------------------------

@dataclass
class Engine:
    """Catchment of every APL unit of France for a baseline year, with that year's DREES APL."""

    year: int
    units: pd.DataFrame               # code, nom, departement_code, region_code, ...
    catchment: Catchment
    baseline: pd.Series               # code → DREES APL of `year`
    pop_std: pd.Series                # code → standardised population of `year`
    population: pd.Series             # code → total population of `year` (DREES)


def engine(con, year: int) -> Engine:
    times = travel_times(con)
    units = times.units
    catchment = times.network().catchment(demand_for_year(con, units, year))
    apl = db.query(con, "apl_year", year=year).set_index("code")
    return Engine(year, units, catchment, apl["apl"], apl["pop_std"], apl["pop_totale"])


def territory_codes(con, territory: str) -> list[str]:
    """APL units of « departement:85 », « cpts:<id> » or « communes:85018,85047,… » (a drawn
    set); ScenarioError when unknown."""
    kind, _, code = territory.partition(":")
    if kind == "communes":
        wanted = list(dict.fromkeys(c.strip().upper() for c in code.split(",") if c.strip()))
        codes = list(db.query(con, "apl_units_in", codes=wanted)["code"])
        unknown = sorted(set(wanted) - set(codes))
        if unknown:
            raise ScenarioError(f"Territoire : {len(unknown)} code(s) de commune inconnu(s) ou non publiés par la DREES "
                                f"(Paris, Lyon, Marseille : par arrondissement) : {', '.join(unknown[:10])[:200]}.")
    elif kind == "departement":
        codes = list(db.query(con, "departement_communes", dep=code)["code"])
    elif kind == "cpts":
        rows = db.query(con, "cpts_list")
        hit = rows[rows["cpts_id"] == code]
        codes = list(hit.iloc[0]["codes"]) if len(hit) else []
    else:
        codes = []
    if not codes:
        raise ScenarioError(f"Territoire inconnu : « {territory[:60]} ».")
    return codes


def run(eng: Engine, codes: list[str], steps: list[Step]) -> pd.DataFrame:
    """Before / after / change of every commune of the territory `codes` and of any commune
    outside it that the change reaches (column dans_territoire)."""
    changed = simulate(eng.catchment, eng.baseline, [s.change() for s in steps]) if steps else None
    table = pd.DataFrame({"code": list(dict.fromkeys(codes + ([] if changed is None else list(changed["code"]))))})
    table["avant"] = table["code"].map(eng.baseline)
    delta = changed.set_index("code")["variation"] if changed is not None else pd.Series(dtype=float)
    table["variation"] = table["code"].map(delta).fillna(0.0)
    table["apres"] = table["avant"] + table["variation"]
    names = eng.units.set_index("code")["nom"]
    table["nom"] = table["code"].map(names)
    table["pop_std"] = table["code"].map(eng.pop_std)
    table["population"] = table["code"].map(eng.population)
    table["dans_territoire"] = table["code"].isin(set(codes))
    return table


def summary(table: pd.DataFrame) -> dict:
    """Territory figures (DREES rules): mean APL weighted by standardised population before and
    after; communes and population crossing 2.5 either way; who gains and who loses."""
    t = table[table["dans_territoire"] & table["avant"].notna()]
    weight = t["pop_std"].fillna(0)
    mean = lambda col: float((t[col] * weight).sum() / weight.sum()) if weight.sum() > 0 else float("nan")  # noqa: E731
    up = t[(t["avant"] < SOUS_DENSE) & (t["apres"] >= SOUS_DENSE)]
    down = t[(t["avant"] >= SOUS_DENSE) & (t["apres"] < SOUS_DENSE)]
    everywhere = table[table["avant"].notna()]
    gain, loss = everywhere[everywhere["variation"] > 1e-12], everywhere[everywhere["variation"] < -1e-12]
    return {"apl_avant": mean("avant"), "apl_apres": mean("apres"),
            "communes_sortent": len(up), "population_sort": float(up["population"].sum()),
            "communes_entrent": len(down), "population_entre": float(down["population"].sum()),
            "sous_seuil_avant": int((t["avant"] < SOUS_DENSE).sum()), "sous_seuil_apres": int((t["apres"] < SOUS_DENSE).sum()),
            "gagnantes": len(gain), "perdantes": len(loss),
            "hors_territoire": int((~table["dans_territoire"] & (table["variation"].abs() > 1e-12)).sum())}


# --- placement ------------------------------------------------------------------------------

OBJECTIVES = {
    "ecart": (f"Réduire l'écart au seuil de {SOUS_DENSE_FR}, pondéré par la population (Σ population × manque sous "
              f"{SOUS_DENSE_FR})"),
    "population": f"Faire passer le plus d'habitants au-dessus de {SOUS_DENSE_FR} (écart au seuil pour départager)",
}


def placement(eng: Engine, codes: list[str], k: int, objective: str = "ecart",
              fte_step: float = 1.0) -> pd.DataFrame:
    """Greedy placement of k GP FTEs among the territory's communes: at each step the commune
    whose FTE most improves the objective over the territory's population. Each candidate's
    effect is one column of the engine's exact delta (W[:, j] · S / L_j)."""
    if objective not in OBJECTIVES:
        raise ScenarioError(f"Objectif inconnu : {objective}")
    cat = eng.catchment
    inside = np.zeros(len(cat.codes), bool)
    idx = [cat.index[c] for c in codes if c in cat.index]
    inside[idx] = True
    candidates = np.array([i for i in idx if cat.load[i] > 0], dtype=int)
    if not len(candidates):
        raise ScenarioError("Aucune commune du territoire ne peut accueillir de médecin (population nulle alentour).")
    effect = cat.column_effects(candidates, np.full(len(candidates), fte_step * CONSULTATIONS_PER_GP))
    effect = effect.multiply(inside.reshape(-1, 1)).tocoo()  # only the territory's communes count
    apl = pd.Series(cat.codes).map(eng.baseline).to_numpy(dtype=float)
    population = pd.Series(cat.codes).map(eng.population).fillna(0).to_numpy(dtype=float)
    known = ~np.isnan(apl[effect.row])
    rows, cols, gains = effect.row[known], effect.col[known], effect.data[known]
    current = np.nan_to_num(apl, nan=np.inf)
    picks = []
    for step in range(1, k + 1):
        a = current[rows]
        gap_gain = population[rows] * np.minimum(gains, np.maximum(0.0, SOUS_DENSE - a))
        crossed = population[rows] * ((a < SOUS_DENSE) & (a + gains >= SOUS_DENSE))
        score_gap = np.bincount(cols, gap_gain, minlength=len(candidates))
        score_pop = np.bincount(cols, crossed, minlength=len(candidates))
        score = score_gap if objective == "ecart" else score_pop * 1e6 + score_gap
        best = int(np.argmax(score))
        mask = cols == best
        before = current.copy()
        current[rows[mask]] += gains[mask]
        lifted = inside & (before < SOUS_DENSE) & (current >= SOUS_DENSE)
        code = cat.codes[candidates[best]]
        picks.append({"etape": step, "code": code, "gain_ecart": float(score_gap[best]),
                      "population_au_dessus": float(population[lifted].sum())})
    out = pd.DataFrame(picks)
    out["nom"] = out["code"].map(eng.units.set_index("code")["nom"])
    return out


def placement_steps(picks: pd.DataFrame, fte_step: float = 1.0) -> list[Step]:
    """The placement as arrivals, one step per commune, to run or save like any scenario."""
    counts = picks.groupby("code", sort=False).size()
    return [Step(code, "arrivee", float(n * fte_step)) for code, n in counts.items()]


# --- presets from real events ---------------------------------------------------------------

ESCORTER_SOURCE = ("Préfecture de la Vendée, « Découvrez le Projet CNR Santé ESCoRTer », 14 mai 2024 : départ de sept "
                   "médecins généralistes fin 2022 ; près de 2 000 patients de plus de 16 ans sans médecin traitant "
                   "sur 7 communes, dont 260 en ALD ; permanence à Beauvoir-sur-Mer (juin 2024), Froidfond (fin "
                   "2024), La Barre-de-Monts (2026).")
LVO = "cpts:SEED-01"
PRESETS = {
    "Départ de 7 médecins, nord-ouest vendéen (fin 2022)": (
        Scenario("Départ de 7 médecins, nord-ouest vendéen (fin 2022)", LVO, 2022,
                 [Step("85018", "depart", 3, 3), Step("85012", "depart", 2, 2), Step("85095", "depart", 2, 2)]),
        "Hypothèses : les documents citent Beauvoir-sur-Mer, La Barre-de-Monts et Froidfond parmi les 7 communes "
        "touchées, sans dire où exerçaient les 7 médecins partis ; le préréglage les répartit entre ces trois communes "
        "(3, 2 et 2 ETP) et suppose qu'il y exerçait au moins ce nombre de médecins. Ajoutez les autres communes si "
        "vous les connaissez. Base : APL DREES 2022 (avant les départs), à comparer à l'APL 2023 publiée. Territoire : "
        "CPTS Loire Vendée Océan, périmètre partiel (16 communes du contrat local de santé). Source : " + ESCORTER_SOURCE),
    "Permanence ESCoRTer": (
        Scenario("Permanence ESCoRTer", LVO, 2023,
                 [Step("85018", "permanence", 2), Step("85095", "permanence", 2), Step("85012", "permanence", 2)]),
        "Hypothèses : une permanence de 2 demi-journées par semaine dans chacune des trois communes (les documents ne "
        "donnent pas le nombre de demi-journées : ajustez-le) ; chaque demi-journée vaut 1/10 d'un médecin à temps "
        "plein (5 400 consultations par an, valeur de la DREES). L'infirmier en pratique avancée et l'assistant médical "
        "ne sont pas comptés. Base : APL DREES 2023. Territoire : CPTS Loire Vendée Océan, périmètre partiel. "
        "Source : " + ESCORTER_SOURCE),
}
