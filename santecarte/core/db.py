"""DuckDB access: the spatial extension loaded from its PyPI package (never downloaded), and
queries read from `queries/*.sql` with bound parameters."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from santecarte.core import config


@lru_cache(maxsize=1)
def spatial_extension_path() -> Path:
    import duckdb_extension_spatial

    folder = Path(duckdb_extension_spatial.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = folder / "spatial.duckdb_extension"
    if not path.is_file():
        raise RuntimeError(f"extension spatiale introuvable pour DuckDB {duckdb.__version__} : {path}")
    return path


def connect(path: Path | str | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path or config.db_path()), read_only=read_only)
    con.execute(f"LOAD '{spatial_extension_path()}'")
    return con


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    return (config.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run `queries/<name>.sql` with named parameters (`$name` in the SQL)."""
    return con.execute(sql(name), params or None).df()
