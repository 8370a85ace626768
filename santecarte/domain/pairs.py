"""`python -m santecarte times PAIRS.csv`: the engine's minutes for an analyst's list of commune
pairs. The file is read like every upload (uploads.py: encodings, separators, French messages
naming the lines), its codes are matched to the network's units, and the minutes come from
travel.py alone, so what the command prints is what the engine uses. Here rather than in
__main__ so that the command line stays a dispatcher."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from santecarte.core.codes import PLM_CITIES, normalize_commune_code
from santecarte.core.files import SHOWN, UploadError, check_size, lines, read_csv_bytes
from santecarte.pipeline.time_matrix import COLUMN_NAMES

MAX_BYTES = 200 * 1024**2  # about 16 million pairs, read in memory (as much as a user road matrix)
PLM_HINT = ("Paris, Lyon, Marseille : par arrondissement (75101 à 75120, 69381 à 69389, 13201 à 13216), "
            "pas 75056, 69123, 13055")


class PairsError(UploadError):
    """A pairs file that cannot be used; the message is meant for the user, in French."""


def read_pairs(data: bytes) -> pd.DataFrame:
    """Columns from, to as written (text; an empty cell is ""); row k is line k + 2 of the file."""
    check_size(data, PairsError, MAX_BYTES)
    df = read_csv_bytes(data, PairsError)
    if not isinstance(df.index, pd.RangeIndex):  # pandas makes an index of the extra first field
        raise PairsError("CSV illisible : des lignes ont plus de champs que l'en-tête (séparateur attendu : "
                         "« ; », « , » ou tabulation).")
    df = df.rename(columns=lambda c: COLUMN_NAMES.get(str(c).strip().lower(), str(c)))
    missing = [c for c in ("from", "to") if c not in df.columns]
    if missing:
        raise PairsError(f"Colonnes manquantes : {', '.join(missing)}. Colonnes lues : "
                         f"{', '.join(map(str, df.columns[:8]))}. La première ligne doit être l'en-tête "
                         "from,to (ou origine,destination).")
    twice = [c for c in ("from", "to") if (df.columns == c).sum() > 1]
    if twice:
        raise PairsError(f"Colonne en double : {', '.join(twice)} (from/origine, to/destination).")
    if df.empty:
        raise PairsError("Le fichier n'a aucune ligne de données.")
    return df[["from", "to"]].fillna("").reset_index(drop=True)


class Codes:
    """A column of codes matched to the network's units: once per distinct value, not per row."""

    def __init__(self, values: pd.Series, times, old: dict[str, str]):
        self.rows, distinct = pd.factorize(values.to_numpy(object))
        self.raw = pd.Series(distinct, dtype=object).str.strip()
        self.code = self.raw.map(normalize_commune_code)
        position = times.indices(self.code.fillna(""))
        replaced = (position < 0) & self.code.isin(set(old)).to_numpy()
        self.current = self.code.where(~replaced, self.code.map(old))
        position[replaced] = times.indices(self.current[replaced])
        self.replaced = replaced & (position >= 0)
        self.position = position

    def positions(self) -> np.ndarray:
        return self.position[self.rows]

    def shown(self) -> np.ndarray:
        """The code as printed: the 5-character INSEE code (1001 → 01001), a former code as given."""
        return self.code.fillna(self.raw).to_numpy(object).astype(StringDType())[self.rows]


def unknown_message(bad: np.ndarray, cells: list[Codes], communes: pd.DataFrame) -> str:
    """How many pairs have an unknown code, their first lines and codes, and why when we can say."""
    rows = np.flatnonzero(bad)
    sample, why = [], set()
    for r in rows[:SHOWN]:
        for c in cells:
            k = c.rows[r]
            if c.position[k] < 0:
                sample.append(f"« {str(c.raw[k])[:20]} »" if c.raw[k] else "(vide)")
                code = c.current[k]
                if code in PLM_CITIES:
                    why.add(PLM_HINT)
                elif code in communes.index:
                    why.add(f"{code} ({communes.at[code, 'nom']}) : commune sans point de localisation, "
                            "hors du réseau")
    hint = "".join(f" {h}." for h in sorted(why))
    return (f"{len(rows)} couple(s) avec un code commune inconnu ou mal formé — {lines(rows)} : "
            f"{', '.join(dict.fromkeys(sample))}.{hint}")


def replaced_note(cells: list[Codes]) -> str | None:
    rows = np.flatnonzero(np.logical_or.reduce([c.replaced[c.rows] for c in cells]))
    if not len(rows):
        return None
    seen = dict.fromkeys(f"{c.code[c.rows[r]]} → {c.current[c.rows[r]]}"
                         for r in rows[:SHOWN] for c in cells if c.replaced[c.rows[r]])
    return (f"{len(rows)} couple(s) avec un ancien code commune, compté(s) pour la commune actuelle — "
            f"{lines(rows)} : {', '.join(seen)}.")


def unreachable_note(minutes: np.ndarray, i: np.ndarray, j: np.ndarray, land_mass: np.ndarray) -> str | None:
    """One line: how many pairs got no time, and why (the two reasons travel.py gives inf)."""
    none = np.isinf(minutes)
    if not none.any():
        return None
    islands = int((none & (land_mass[i] != land_mass[j])).sum())
    matrix = int(none.sum()) - islands
    why = [f"{islands} entre deux terres sans liaison routière (île sans pont)"] if islands else []
    why += [f"{matrix} absent(s) de la matrice routière fournie, qui couvre les deux communes"] if matrix else []
    return f"{int(none.sum())} couple(s) sans temps (champ minutes vide) : {' ; '.join(why)}."


def format_times(from_codes, to_codes, minutes: np.ndarray) -> str:
    """CSV from,to,minutes. Minutes in the shortest decimal that reads back as the engine's own
    float (dot decimal, exact: a 19.99996 is never shown as 20), empty where inf. Vectorised."""
    text = np.asarray(minutes, float).astype(StringDType())
    text[~np.isfinite(minutes)] = ""
    add = np.strings.add
    codes = add(add(np.asarray(from_codes, StringDType()), ","), np.asarray(to_codes, StringDType()))
    body = add(add(codes, ","), text)
    return "from,to,minutes\n" + "\n".join(body.tolist()) + "\n"


def pair_times(con, pairs: pd.DataFrame) -> tuple[str, list[str]]:
    """(CSV text, French notes for stderr); PairsError when a code is not a unit of the network."""
    from santecarte.core import db
    from santecarte.domain.travel import travel_times

    times = travel_times(con)
    old = dict(db.query(con, "old_codes").itertuples(index=False))
    cells = [Codes(pairs["from"], times, old), Codes(pairs["to"], times, old)]
    i, j = (c.positions() for c in cells)
    bad = (i < 0) | (j < 0)
    if bad.any():
        communes = db.query(con, "perimeter_units").set_index("code")
        raise PairsError(unknown_message(bad, cells, communes))
    minutes = times.pair_minutes(i, j)
    notes = [replaced_note(cells), unreachable_note(minutes, i, j, times.units["land_mass"].to_numpy())]
    return format_times(cells[0].shown(), cells[1].shown(), minutes), [n for n in notes if n]


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def read_file(path: str) -> pd.DataFrame:
    """The pairs of the file at `path`; PairsError (French) for a file absent, unreadable or refused."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise PairsError("fichier introuvable.") from None
    except IsADirectoryError:
        raise PairsError("c'est un dossier ; attendu un fichier CSV de couples from,to.") from None
    except OSError as exc:
        raise PairsError(f"lecture impossible ({exc.strerror or exc.__class__.__name__}).") from None
    return read_pairs(data)


def ensure_database() -> str | None:
    """Build the database when there is none yet (a fresh checkout); the French reason if that fails."""
    from santecarte.core import config
    from santecarte.pipeline.build import build, database_ready
    from santecarte.pipeline.readers import RawDataError

    if database_ready():
        return None
    say(f"Base absente : construction de {config.db_path()} depuis {config.raw_dir()} (environ 20 s)…")
    try:
        build(if_missing=True)
    except RawDataError as exc:
        return f"Échec de la construction de la base : {exc}"
    except OSError as exc:
        return f"Échec de la construction de la base : {exc.strerror or exc} ({exc.filename or config.data_dir()})."
    say("Base construite.")
    return None


def command(path: str) -> int:
    """The command: minutes on standard output, French messages on standard error; exit code 2
    for a file, a database or a road matrix that cannot be used."""
    import duckdb

    from santecarte.core import db
    from santecarte.pipeline.readers import RawDataError

    try:
        pairs = read_file(path)
        problem = ensure_database()
        if problem:
            say(problem)
            return 2
        con = db.connect()
        try:
            text, notes = pair_times(con, pairs)
        finally:
            con.close()
    except PairsError as exc:
        say(f"Fichier de couples refusé ({path}) : {exc}")
        return 2
    except RawDataError as exc:  # the user's road matrix in the raw folder
        say(f"Matrice routière inutilisable : {exc}")
        return 2
    except duckdb.Error as exc:
        say(f"Base illisible ({exc.__class__.__name__}) : relancez « python -m santecarte build ».")
        return 2
    for note in notes:
        say(note)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `… | head`: the reader left; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
