"""Checked access to raw files: a missing, truncated or re-shaped file raises RawDataError
naming the dataset and the file, so the build stops with a message a person can act on."""
from __future__ import annotations

import gzip
import json
import lzma
import zlib
from pathlib import Path
from typing import Iterable

import pandas as pd

from santecarte.core import config
from santecarte.pipeline.sources import Dataset, dataset


class RawDataError(Exception):
    """A raw file is missing, unreadable or not laid out as expected."""

    def __init__(self, ds: Dataset, path: Path | str, problem: str):
        self.dataset = ds
        self.path = str(path)
        self.problem = problem
        super().__init__(f"Jeu de données « {ds.title} » ({ds.key}) — fichier {self.path} : {problem}")


_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError,
                ValueError, pd.errors.ParserError, json.JSONDecodeError)


def raw_file(key: str, index: int = 0) -> tuple[Dataset, Path]:
    ds = dataset(key)
    path = config.raw_dir() / ds.files[index].path
    if not path.is_file():
        raise RawDataError(ds, path, "fichier manquant (vérifiez SANTECARTE_RAW_DIR ou lancez `python -m santecarte fetch`)")
    return ds, path


def optional_file(key: str, index: int = 0) -> Path | None:
    """The path of an optional raw file (a user's matrix, the national RPPS file, the terrain
    snapshots), or None when it is not in the raw folder."""
    path = config.raw_dir() / dataset(key).files[index].path
    return path if path.is_file() else None


def _check_columns(ds: Dataset, path: Path, df: pd.DataFrame, required: Iterable[str]) -> pd.DataFrame:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise RawDataError(ds, path, f"colonnes attendues absentes : {', '.join(missing)} "
                                     f"(colonnes lues : {', '.join(map(str, df.columns[:12]))})")
    return df


def read_csv(key: str, index: int, required: Iterable[str], **kwargs) -> pd.DataFrame:
    """Read a raw CSV as text columns (INSEE codes keep their leading zeros)."""
    ds, path = raw_file(key, index)
    kwargs.setdefault("dtype", str)
    kwargs.setdefault("keep_default_na", False)
    kwargs.setdefault("na_values", [""])
    try:
        df = pd.read_csv(path, **kwargs)
    except _READ_ERRORS as exc:
        raise RawDataError(ds, path, f"illisible ou tronqué ({type(exc).__name__}: {exc})") from exc
    return _check_columns(ds, path, df, required)


def read_json(key: str, index: int):
    ds, path = raw_file(key, index)
    opener = lzma.open if path.suffix == ".xz" else gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except _READ_ERRORS as exc:
        raise RawDataError(ds, path, f"illisible ou tronqué ({type(exc).__name__}: {exc})") from exc


def expect(condition: bool, key: str, index: int, problem: str) -> None:
    """Stop the build when a structural fact about a raw file does not hold."""
    if not condition:
        ds = dataset(key)
        raise RawDataError(ds, config.raw_dir() / ds.files[index].path, problem)
