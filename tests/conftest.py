"""Shared fixtures. The tests mirror the house: tests/unit/ (hand-written fixtures, pure
functions), tests/integration/ (the real snapshots, the database built once per session, pages in
AppTest) and tests/browser/ (through the running app: a Streamlit server, headless Chromium or
websocket sessions; and the slow tests that build a database or race a process of their own);
the last two are marked `integration` and `browser` by folder here, so that
`pytest -m "not browser"` leaves the slow tier out. Integration tests read the real snapshots from
SANTECARTE_RAW_DIR (CI sets it; a checkout beside `shared/` finds them without it) and build the
database once (see below) into a temporary data folder per session. Without the snapshots they are skipped,
and without Chromium the browser tests are, each with one line saying why; CI sets
SANTECARTE_REQUIRE_RAW=1 and SANTECARTE_REQUIRE_BROWSER=1 so that there a missing one fails
instead. The built database is kept under data/test-build/ while the build's code and the
snapshots stay the same, so a second run skips the build."""
import fcntl
import hashlib
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK, streamlit_server

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "tests" / "artifacts"
FOLDER_MARKERS = {"integration": pytest.mark.integration, "browser": pytest.mark.browser}


def _raw_dir() -> Path:
    env = os.environ.get("SANTECARTE_RAW_DIR")
    return Path(env) if env else PROJECT.parent / "shared" / "data"


def _missing(what: str, require: str) -> None:
    """Skip the test, or fail it where the environment says this must be there (CI)."""
    if os.environ.get(require) == "1":
        pytest.fail(what)
    pytest.skip(what)


@pytest.fixture(scope="session")
def raw() -> Path:
    path = _raw_dir().resolve()
    if not (path / "apl").is_dir():
        _missing(f"instantanés de données absents ({path}) : tests sur les données réelles ignorés ; "
                 "définissez SANTECARTE_RAW_DIR (le dossier shared/data)", "SANTECARTE_REQUIRE_RAW")
    return path


@pytest.fixture(scope="session")
def chromium() -> str:
    if not os.path.exists(CHROMIUM):
        _missing(f"Chromium absent ({CHROMIUM}) : tests navigateur ignorés ; pour les lancer, "
                 "« apt-get install chromium » (Debian) ou SANTECARTE_CHROMIUM=chemin du navigateur",
                 "SANTECARTE_REQUIRE_BROWSER")
    return CHROMIUM


BUILD_INPUTS = ("santecarte/pipeline", "santecarte/accessibility", "santecarte/core", "queries/schema")
"""What the database is made from besides the snapshots: a change here means a new build."""


def _build_key(raw: Path) -> str:
    """A digest of the build's code (BUILD_INPUTS) and of the snapshots (path, size, date)."""
    digest = hashlib.sha256(str(raw).encode())
    for folder in BUILD_INPUTS:
        for path in sorted((PROJECT / folder).rglob("*")):
            if path.suffix in (".py", ".sql"):
                digest.update(path.relative_to(PROJECT).as_posix().encode() + path.read_bytes())
    for path in sorted(raw.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(raw)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _built_database(raw: Path) -> Path:
    """The database built from the snapshots by the current code, kept under data/test-build/ and
    reused by the next session while neither changes (a fresh clone, as CI, builds it once)."""
    from santecarte.pipeline.build import build

    cache = PROJECT / "data" / "test-build"
    target = cache / _build_key(raw) / "santecarte.duckdb"
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache.parent / "test-build.lock", "w") as lock:  # two sessions at once build it once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            for older in cache.iterdir():  # code or snapshots changed since
                shutil.rmtree(older, ignore_errors=True)
            target.parent.mkdir()
            with pytest.MonkeyPatch.context() as mp:  # its log and lock beside it, not in the user's data
                mp.setenv("SANTECARTE_RAW_DIR", str(raw))
                mp.setenv("SANTECARTE_DATA_DIR", str(target.parent))
                assert build(target=target)["communes"] > 0
    return target


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory, raw):
    """A data folder of its own holding a copy of the built database (tests write the user store
    beside it); the environment points the app at it."""
    folder = tmp_path_factory.mktemp("data")
    mp = pytest.MonkeyPatch()
    mp.setenv("SANTECARTE_RAW_DIR", str(raw))
    mp.setenv("SANTECARTE_DATA_DIR", str(folder))
    shutil.copy(_built_database(raw), folder / "santecarte.duckdb")
    yield folder
    mp.undo()


@pytest.fixture(scope="session")
def con(data_dir):
    from santecarte.core import db

    connection = db.connect(data_dir / "santecarte.duckdb")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# --- browser tests: a Streamlit server per module, the system Chromium, a fresh page per test ---

@pytest.fixture(scope="module")
def server(data_dir):
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.outside = []

    def record(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOOPBACK:
            pg.outside.append(request.url)

    pg.on("request", record)
    pg.alerts = []  # a script injected through a name would open one
    pg.on("dialog", lambda d: (pg.alerts.append(d.message), d.dismiss()))
    yield pg
    context.close()


def pytest_collection_modifyitems(items):
    """Mark each test by its folder: tests/integration/ → `integration`, tests/browser/ → `browser`."""
    for item in items:
        try:
            folder = Path(item.path).resolve().relative_to(PROJECT / "tests").parts[0]
        except ValueError:  # a test outside tests/
            continue
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])


def pytest_collection_finish(session):
    """Each new AppTest scans every installed package for Streamlit components (some 0.2 s, for
    about 80 AppTests in a run), where a server scans once when it starts. The installed packages
    do not change during a session: scan them once."""
    if "streamlit.testing.v1" not in sys.modules:  # no page test collected
        return
    from streamlit.components.v2 import manifest_scanner

    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is None or getattr(scan, "scans_once", False):
        return
    found: list = []

    def scan_once(max_workers=None):
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    scan_once.scans_once = True
    manifest_scanner.scan_component_manifests = scan_once


def pytest_terminal_summary(terminalreporter):
    """One line per reason tests were skipped (no snapshots, no Chromium), not one per test."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, n in reasons.items():
        terminalreporter.write_line(f"{n} test(s) ignoré(s) — {reason}")
