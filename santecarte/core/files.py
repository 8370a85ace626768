"""The form of a file a user gives (an upload, a road matrix, a CLI input): its size, its
encoding and separator, JSON syntax; every problem said in French, with the offending lines."""
from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd

from santecarte.core.numbers import format_fr

MAX_UPLOAD_BYTES = 50 * 1024**2
SHOWN = 10


class UploadError(ValueError):
    """A file that cannot be used; the message is meant for the user, in French."""


def size_fr(n_bytes: int) -> str:
    """A file size as a French user reads it: « 80 octets », « 1,5 Ko », « 52 Mo » (1 Ko = 1 024 octets)."""
    if n_bytes < 1024:
        return f"{n_bytes} octet{'s' if n_bytes > 1 else ''}"
    for unit, scale in (("Ko", 1024), ("Mo", 1024**2), ("Go", 1024**3)):
        if n_bytes < 1024 * scale or unit == "Go":
            value = n_bytes / scale
            return format_fr(value, 0 if value >= 10 or value == int(value) else 1) + f" {unit}"


def too_big_message(n_bytes: int, limit: int) -> str:
    return f"Fichier trop volumineux ({size_fr(n_bytes)} ; au plus {size_fr(limit)})."


def check_size(data: bytes, error=UploadError, limit: int = MAX_UPLOAD_BYTES) -> None:
    if not data:
        raise error("Le fichier est vide.")
    if len(data) > limit:
        raise error(too_big_message(len(data), limit))


JSON_MESSAGES = (  # the json module's messages (English) → what is wrong, in French
    ("Expecting value", "une valeur est attendue (texte entre guillemets, nombre, true, false, null, [ ou {)"),
    ("Expecting ',' delimiter", "une virgule (ou la fermeture ] ou }) est attendue"),
    ("Expecting ':' delimiter", "deux-points « : » attendus après le nom de la propriété"),
    ("Expecting property name enclosed in double quotes",
     "un nom de propriété entre guillemets doubles est attendu (virgule en trop avant } ?)"),
    ("Unterminated string", "texte entre guillemets non refermé"),
    ("Invalid control character", "caractère de contrôle (retour à la ligne, tabulation) dans un texte"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide (4 chiffres hexadécimaux attendus)"),
    ("Invalid \\escape", "barre oblique inverse « \\ » non valide dans un texte"),
    ("Extra data", "contenu en trop après la fin du document JSON"),
)


def json_problem(exc: json.JSONDecodeError) -> str:
    """« ligne 3, colonne 7 : une virgule … est attendue » for a json decoding error: the json
    module's English message never reaches a user."""
    what = next((fr for en, fr in JSON_MESSAGES if exc.msg.startswith(en)), "syntaxe JSON invalide")
    return f"ligne {exc.lineno}, colonne {exc.colno} : {what}"


_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")


def _looks_binary(sample: bytes) -> bool:
    """A zero byte, or control bytes other than tab, line ends and form feed in more than 1 % of
    the sample (at least 3: a DOS end-of-file mark is no reason to refuse): compressed or random
    bytes have about 12 % of them, and a zero byte is not always among the first ones."""
    if b"\0" in sample:
        return True
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls >= 3 and controls > 0.01 * len(sample)


def decode_text(data: bytes, error=UploadError) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 / Latin-1, the two encodings of French
    spreadsheets, or UTF-16 with its BOM (« Texte Unicode » of Excel); binary content is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise error("Fichier UTF-16 illisible : enregistrez-le en CSV UTF-8.") from None
    if _looks_binary(data[:4096]):
        raise error("Ce fichier n'est pas un fichier texte (contenu binaire).")
    data = data.rstrip(b"\x1a")  # the end-of-file mark of old DOS tools
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_bytes(data: bytes, error=UploadError, header="infer") -> pd.DataFrame:
    """A CSV with `;`, `,` or tab as separator, every column as text."""
    text = decode_text(data, error)
    try:
        sep = csv.Sniffer().sniff(text[:4096], delimiters=";,\t").delimiter
    except csv.Error:
        sep = ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, header=header)
    except pd.errors.EmptyDataError:
        raise error("Le fichier n'a aucune ligne de données.") from None
    except pd.errors.ParserError as exc:  # pandas says where: « Expected 2 fields in line 3, saw 4 »
        where = re.search(r"line (\d+), saw (\d+)", str(exc))
        detail = f" : ligne {where.group(1)}, {where.group(2)} champs au lieu du nombre de colonnes de l'en-tête" if where else ""
        raise error(f"CSV illisible{detail} (séparateur attendu : « ; », « , » ou tabulation).") from None


def lines(positions, offset: int = 2) -> str:
    """« ligne 3 » or « lignes 3, 7, … » for row positions of a table read with a header (offset 2)."""
    shown = ", ".join(str(int(p) + offset) for p in list(positions)[:SHOWN])
    more = f" (et {len(positions) - SHOWN} autres)" if len(positions) > SHOWN else ""
    return f"{'ligne' if len(positions) == 1 else 'lignes'} {shown}{more}"


