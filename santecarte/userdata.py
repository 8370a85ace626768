"""Data a user imports (zonage, perimeters, scenarios), kept in `data/user.duckdb`, apart from
the database that `build` replaces, so a rebuild never loses it."""
from __future__ import annotations

import uuid

import duckdb

from santecarte import config, db


def connect() -> duckdb.DuckDBPyConnection:
    config.data_dir().mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(config.user_db_path()))
    con.execute(db.sql("user_schema"))
    return con


def save_perimeter(nom: str, codes: list[str]) -> str:
    """Store a perimeter (a name and its commune codes); returns its identifier."""
    perimeter_id = uuid.uuid4().hex
    with connect() as con:
        db.query(con, "user_perimeter_insert", perimeter_id=perimeter_id, nom=nom, codes=sorted(set(codes)))
    return perimeter_id


def perimeters() -> dict[str, tuple[str, list[str]]]:
    with connect() as con:
        rows = db.query(con, "user_perimeters")
    return {r.perimeter_id: (r.nom, list(r.codes)) for r in rows.itertuples()}
