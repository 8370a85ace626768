"""queries/: one folder per store (main, user, schema). Every .sql file is run by the code, every
name the code runs has its file in the folder of the function running it, every file opens with a
comment saying what it returns (or does) and naming its parameters, and santecarte.core.db
refuses a name it has no file for. Reads the source, not the database: no data needed."""
import ast
import re
from pathlib import Path

import duckdb
import pytest

from santecarte.core import config, db

PROJECT = Path(__file__).resolve().parents[2]
CODE = [PROJECT / "santecarte", PROJECT / "pages", PROJECT / "app.py", PROJECT / "bench"]
FOLDERS = (db.MAIN, db.USER, db.SCHEMA)

# The functions that run a named query, and the folder of queries/ they look it up in.
# santecarte/domain/userdata.py's _read(name) and _transaction(con, [(name, params), …]) pass
# their names on to db.user_query.
RUNNERS = {"query": db.MAIN, "cached_query": db.MAIN, "sql": db.MAIN,
           "user_query": db.USER, "user_sql": db.USER, "_read": db.USER, "_transaction": db.USER,
           "schema_sql": db.SCHEMA}
MODULES = {"db", "ui", "userdata"}  # `db.query(…)` counts, `tree.query(…)` or a DataFrame's does not

PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _code_files() -> list[Path]:
    files = [p for root in CODE for p in ([root] if root.is_file() else sorted(root.rglob("*.py")))]
    assert len(files) > 20, CODE
    return files


def _runner(call: ast.Call) -> str | None:
    """The folder a call looks its query up in, or None for a call that runs no named query."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in RUNNERS:
        return RUNNERS[func.id]
    if (isinstance(func, ast.Attribute) and func.attr in RUNNERS
            and isinstance(func.value, ast.Name) and func.value.id in MODULES):
        return RUNNERS[func.attr]
    return None


def _literal_names(arg: ast.expr):
    """Names written in a call's argument: a string, or the first item of each (name, params)
    pair of a list."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        yield arg.value
    elif isinstance(arg, (ast.List, ast.Tuple)):
        for item in arg.elts:
            if isinstance(item, ast.Tuple) and item.elts:
                yield from _literal_names(item.elts[0])


def used_names() -> dict[str, dict[str, set[str]]]:
    """folder -> query name -> the files running it (string positional arguments of the runners)."""
    used: dict[str, dict[str, set[str]]] = {folder: {} for folder in FOLDERS}
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and (folder := _runner(node)):
                for arg in node.args:
                    for name in _literal_names(arg):
                        used[folder].setdefault(name, set()).add(str(path.relative_to(PROJECT)))
    return used


def sql_files() -> dict[str, set[str]]:
    """folder -> the names of its .sql files."""
    return {folder: {p.stem for p in (config.QUERIES_DIR / folder).glob("*.sql")} for folder in FOLDERS}


def all_sql_paths() -> list[Path]:
    return sorted(config.QUERIES_DIR.rglob("*.sql"))


def test_every_sql_file_is_in_a_store_folder():
    stray = [str(p.relative_to(config.QUERIES_DIR)) for p in all_sql_paths()
             if p.parent.parent != config.QUERIES_DIR or p.parent.name not in FOLDERS]
    assert not stray, f"queries/ holds .sql files only in {', '.join(f + '/' for f in FOLDERS)}: {stray}"


def test_every_sql_file_is_used_by_the_code():
    used = used_names()
    unused = [f"queries/{folder}/{name}.sql" for folder, names in sql_files().items()
              for name in sorted(names - set(used[folder]))]
    assert not unused, (f"never run by santecarte/, pages/, app.py nor bench/ (delete them, or run them with "
                        f"db.query / db.user_query / db.schema_sql): {unused}")


def test_every_name_the_code_runs_has_its_file():
    files = sql_files()
    missing = [f"{name!r} run by {', '.join(sorted(where))}: no queries/{folder}/{name}.sql"
               for folder, names in used_names().items() for name, where in sorted(names.items())
               if name not in files[folder]]
    assert not missing, missing


def _header_and_body(path: Path) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    n = 0
    while n < len(lines) and lines[n].startswith("--"):
        n += 1
    body = "\n".join(line.split("--", 1)[0] for line in lines[n:])
    return "\n".join(lines[:n]), body


@pytest.mark.parametrize("path", all_sql_paths(), ids=lambda p: str(p.relative_to(config.QUERIES_DIR)))
def test_every_file_opens_with_what_it_returns_and_its_parameters(path):
    header, body = _header_and_body(path)
    assert header, "the file must open with a `--` comment: what it returns or does, and its parameters"
    assert "Parameters:" in header, "the opening comment names the parameters (`Parameters: $x (…)`, or none)"
    if path.parent.name == db.SCHEMA:
        assert "creates" in header.lower(), "the opening comment says what the DDL creates"
    else:
        assert "Returns" in header, "the opening comment says what the query returns (`Returns: columns` or nothing)"
    params, named = set(PARAM.findall(body)), set(PARAM.findall(header))
    assert params <= named, f"parameters not named in the opening comment: {sorted(params - named)}"
    assert named <= params, f"the opening comment names parameters the query does not have: {sorted(named - params)}"
    if not params:
        assert "Parameters: none" in header


def test_db_refuses_a_name_without_a_file():
    with pytest.raises(db.UnknownQuery, match=r"unknown query 'no_such_query': no file queries/main/no_such_query\.sql"):
        db.sql("no_such_query")
    with pytest.raises(db.UnknownQuery, match=r"queries/user/no_such_query\.sql"):
        db.user_sql("no_such_query")
    with pytest.raises(db.UnknownQuery, match=r"queries/schema/no_such_query\.sql"):
        db.schema_sql("no_such_query")
    con = duckdb.connect()
    try:
        with pytest.raises(db.UnknownQuery, match=r"queries/main/no_such_query\.sql"):
            db.query(con, "no_such_query")
        with pytest.raises(db.UnknownQuery, match=r"queries/user/no_such_query\.sql"):
            db.user_query(con, "no_such_query")
    finally:
        con.close()


def test_db_refuses_a_name_of_another_store():
    with pytest.raises(db.UnknownQuery, match=r"queries/main/user_perimeters\.sql: it is a query of queries/user/"):
        db.sql("user_perimeters")
    with pytest.raises(db.UnknownQuery, match=r"queries/user/regions\.sql: it is a query of queries/main/"):
        db.user_sql("regions")
    with pytest.raises(db.UnknownQuery, match=r"queries/main/schema\.sql: it is a query of queries/schema/"):
        db.sql("schema")
    with pytest.raises(db.UnknownQuery, match=r"queries/schema/regions\.sql"):
        db.schema_sql("regions")


@pytest.mark.parametrize("name", ["../schema/schema", "main/regions", "regions.sql", "", "REGIONS"])
def test_db_refuses_a_path_or_a_misspelt_name(name):
    with pytest.raises(db.UnknownQuery):
        db.sql(name)


def test_db_reads_each_store_from_its_folder():
    assert db.sql("regions") == (config.QUERIES_DIR / "main" / "regions.sql").read_text(encoding="utf-8")
    assert db.sql("regions") is db.sql("regions")  # read once per process
    assert "CREATE TABLE IF NOT EXISTS audit_log" in db.schema_sql("user_schema")
    assert "FROM audit_log" in db.user_sql("user_audit_log")
