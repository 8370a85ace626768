"""Data a user imports (zonage, perimeters, scenarios), kept in `data/user.duckdb`, apart from
the database that `build` replaces, so a rebuild never loses it. A zonage stored here is seen by
every visitor: only an editor publishes or removes one (pages check it), and each publication and
removal is written to `audit_log` in the same transaction."""
from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator

import duckdb
import pandas as pd

from santecarte.core import config, db

StoreError = duckdb.Error
"""What a failed read or write of the user store raises: pages catch it without knowing the engine."""

_lock = threading.Lock()
_schema_ready: set[str] = set()


@contextlib.contextmanager
def connect() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to data/user.duckdb for one `with` block, opened and closed under a lock:
    sessions opening the file at the same moment on a fresh start conflicted in DuckDB's cache of
    open databases (« Unique file handle conflict: Cannot attach "user" »). Closed after each use,
    so no process keeps the file locked between two uses (a test process and the server it
    starts both read it). Tables are created on the first use in the process."""
    path = str(config.user_db_path())
    with _lock:
        config.data_dir().mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(path)
        if path not in _schema_ready:
            con.execute(db.schema_sql("user_schema"))
            _schema_ready.add(path)
    try:
        yield con
    finally:
        with _lock:
            con.close()


def save_perimeter(nom: str, codes: list[str]) -> str:
    """Store a perimeter (a name and its commune codes); returns its identifier."""
    perimeter_id = uuid.uuid4().hex
    with connect() as con:
        db.user_query(con, "user_perimeter_insert", perimeter_id=perimeter_id, nom=nom, codes=sorted(set(codes)))
    return perimeter_id


def perimeters() -> dict[str, tuple[str, list[str]]]:
    with connect() as con:
        rows = db.user_query(con, "user_perimeters")
    return {r.perimeter_id: (r.nom, list(r.codes)) for r in rows.itertuples()}


def _transaction(con, statements) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for name, params in statements:
            db.user_query(con, name, **params)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def save_zonage(rows: pd.DataFrame, source: str, editor: str, file_name: str, file_sha256: str) -> str:
    """Publish an official zonage (rows commune_code, zonage) and log it, in one transaction;
    `editor`: who publishes, as the audit log writes it. Returns the import's id."""
    import_id = uuid.uuid4().hex
    with connect() as con:
        con.register("incoming_zonage", rows[["commune_code", "zonage"]])
        _transaction(con, [("user_zonage_insert", {"import_id": import_id, "source": source}),
                           ("user_audit_publication", {"entry_id": uuid.uuid4().hex, "editor": editor,
                                                       "import_id": import_id, "source": source,
                                                       "file_name": file_name, "file_sha256": file_sha256})])
    return import_id


_reads: dict[str, tuple[tuple, pd.DataFrame]] = {}


def _stamp() -> tuple:
    """What changes when any process writes the store: its file and its write-ahead log."""
    path = config.user_db_path()
    return str(path), config.file_stamp(path), config.file_stamp(path.with_name(path.name + ".wal"))


def _read(name: str) -> pd.DataFrame:
    """`queries/user/<name>.sql` on the store, read again only once the store has changed: every page
    run reads the published zonage, and opening the file costs ~10 ms each time. The stamp is
    taken before the read, so a write during it is seen by the next call."""
    stamp = _stamp()
    hit = _reads.get(name)
    if hit is None or hit[0] != stamp:
        with connect() as con:
            hit = _reads[name] = (stamp, db.user_query(con, name))
    return hit[1].copy()


def imported_zonage() -> pd.DataFrame:
    """The zonage in force per commune among the imports (commune_code, zonage, source, import_id)."""
    return _read("user_zonage_latest")


def zonage_imports() -> pd.DataFrame:
    return _read("user_zonage_imports")


def delete_zonage_import(import_id: str, editor: str) -> None:
    """Remove a published import and log it (who, its communes), in one transaction."""
    with connect() as con:
        _transaction(con, [("user_audit_removal", {"entry_id": uuid.uuid4().hex, "editor": editor,
                                                   "import_id": import_id}),
                           ("user_zonage_delete", {"import_id": import_id})])


def audit_log() -> pd.DataFrame:
    """Every publication and removal, latest first (logged_at, editor, action, source, file_name,
    file_sha256, n_communes, commune_codes, import_id)."""
    with connect() as con:
        return db.user_query(con, "user_audit_log")
