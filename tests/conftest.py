"""Shared fixtures. Integration tests read the real snapshots from SANTECARTE_RAW_DIR (CI sets
it; a checkout beside `shared/` finds them without it) and build the database once per session
into a temporary data folder."""
import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "tests" / "artifacts"


def _raw_dir() -> Path:
    env = os.environ.get("SANTECARTE_RAW_DIR")
    return Path(env) if env else PROJECT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def raw() -> Path:
    path = _raw_dir().resolve()
    if not (path / "apl").is_dir():
        pytest.fail(f"Données brutes introuvables dans {path} : définissez SANTECARTE_RAW_DIR")
    return path


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory, raw):
    """A data folder with a freshly built database; the environment points the app at it."""
    from santecarte.build import build

    folder = tmp_path_factory.mktemp("data")
    mp = pytest.MonkeyPatch()
    mp.setenv("SANTECARTE_RAW_DIR", str(raw))
    mp.setenv("SANTECARTE_DATA_DIR", str(folder))
    counts = build()
    assert counts["communes"] > 0
    yield folder
    mp.undo()


@pytest.fixture(scope="session")
def con(data_dir):
    from santecarte import db

    connection = db.connect(data_dir / "santecarte.duckdb")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
