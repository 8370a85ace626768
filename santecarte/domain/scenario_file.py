"""A « what if » scenario as a file or a link: its format (version, name, territory, baseline
year, steps), read back with every field checked, and the checks that refuse what cannot be
simulated, each problem said in French.

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

from santecarte.accessibility.simulate import Change
from santecarte.core.files import json_problem, too_big_message
from santecarte.core.numbers import format_fr

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
    quantity, declared_fte, as text), every empty or wrong cell named by its line, in
    French. Values are taken as typed: a negative number is refused by `check`, never clamped."""
    kinds_by_label = {v: k for k, v in KINDS.items()}
    steps = []
    for k, r in enumerate(rows.itertuples(index=False), start=1):
        where = f"Ligne {k}"
        if _blank(r.commune):
            raise ScenarioError(f"{where} : choisissez la commune.")
        if r.type not in kinds_by_label:
            raise ScenarioError(f"{where} : choisissez le type de changement.")
        if _blank(r.quantity):
            raise ScenarioError(f"{where} : indiquez la quantité (ETP, ou demi-journées pour une permanence).")
        declared = None if _blank(r.declared_fte) else typed_number(r.declared_fte, f"{where}, médecins déclarés")
        steps.append(Step(str(r.commune), kinds_by_label[r.type], typed_number(r.quantity, where), declared))
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
