"""DuckDB access: the spatial extension loaded from its PyPI package (never downloaded), and
named queries read from `queries/` with bound parameters, one folder per store:

- `queries/main/`: the main database (data/santecarte.duckdb): `sql(name)`, `query(con, name)`;
- `queries/user/`: the user store (data/user.duckdb, santecarte.domain.userdata):
  `user_sql(name)`, `user_query(con, name)`;
- `queries/schema/`: the DDL creating each store (`schema`, `user_schema`): `schema_sql(name)`.

A name is looked up in its folder only: an unknown name, or one of another folder, raises
`UnknownQuery` (a mistake in the code, not in the data)."""
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


MAIN, USER, SCHEMA = "main", "user", "schema"
"""The folders of `queries/`, see the module's docstring."""

_RUN_WITH = {MAIN: "db.query / db.sql", USER: "db.user_query / db.user_sql", SCHEMA: "db.schema_sql"}


class UnknownQuery(LookupError):
    """A query name with no file in the folder searched."""


@lru_cache(maxsize=None)
def names(folder: str) -> frozenset[str]:
    """The query names of `queries/<folder>/` (file names without `.sql`)."""
    if folder not in _RUN_WITH:
        raise UnknownQuery(f"no query folder {folder!r}: queries/ has {', '.join(_RUN_WITH)}")
    return frozenset(p.stem for p in (config.QUERIES_DIR / folder).glob("*.sql"))


@lru_cache(maxsize=None)
def _read(folder: str, name: str) -> str:
    if name not in names(folder):
        searched = f"queries/{folder}/{name}.sql"
        elsewhere = [f for f in _RUN_WITH if f != folder and name in names(f)]
        hint = (f": it is a query of queries/{elsewhere[0]}/, run it with {_RUN_WITH[elsewhere[0]]}" if elsewhere
                else f" ({len(names(folder))} queries in queries/{folder}/)")
        raise UnknownQuery(f"unknown query {name!r}: no file {searched}{hint}")
    return (config.QUERIES_DIR / folder / f"{name}.sql").read_text(encoding="utf-8")


def sql(name: str) -> str:
    """The text of `queries/main/<name>.sql` (main database), read once per process."""
    return _read(MAIN, name)


def user_sql(name: str) -> str:
    """The text of `queries/user/<name>.sql` (user store), read once per process."""
    return _read(USER, name)


def schema_sql(name: str) -> str:
    """The DDL `queries/schema/<name>.sql`: `schema` (main database) or `user_schema` (user store)."""
    return _read(SCHEMA, name)


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run `queries/main/<name>.sql` with named parameters (`$name` in the SQL)."""
    return con.execute(sql(name), params or None).df()


def user_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run `queries/user/<name>.sql` on a user-store connection, with named parameters."""
    return con.execute(user_sql(name), params or None).df()
