"""Where things live. Raw snapshots are read through SANTECARTE_RAW_DIR, never a hard-coded path."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
QUERIES_DIR = PROJECT_DIR / "queries"
STATIC_DIR = PROJECT_DIR / "static"


def data_dir() -> Path:
    return Path(os.environ.get("SANTECARTE_DATA_DIR", PROJECT_DIR / "data"))


def raw_dir() -> Path:
    """Folder of the official raw files (default `data/raw/`)."""
    return Path(os.environ.get("SANTECARTE_RAW_DIR", data_dir() / "raw")).resolve()


def db_path() -> Path:
    return data_dir() / "santecarte.duckdb"


def user_db_path() -> Path:
    """Imported data (zonage, perimeters, scenarios): kept apart so a rebuild never erases it."""
    return data_dir() / "user.duckdb"


def file_stamp(path: Path) -> tuple[int, int] | None:
    """What changes when a file is written (modification time, size), None when it is absent: the
    key of caches that must follow a file another process may rewrite."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size
