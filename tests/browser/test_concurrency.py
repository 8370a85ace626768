"""Twenty simultaneous sessions on one server started on an empty data folder, as after a fresh
clone (loopback only, bounded in time): none fails — the first visitors wait for the one build,
and open the user store together — and none sees another's scenario, profile or card
(tests/concurrent_sessions.py)."""
import asyncio
import os

import pytest

from tests.browser_support import streamlit_server
from tests.concurrent_sessions import BROWSER_PAGES, run_sessions


@pytest.fixture(scope="module")
def server(raw, tmp_path_factory):
    empty = tmp_path_factory.mktemp("fresh_data")
    env = {**os.environ, "SANTECARTE_RAW_DIR": str(raw), "SANTECARTE_DATA_DIR": str(empty)}
    with streamlit_server(env) as url:
        assert not (empty / "santecarte.duckdb").exists() and not (empty / "user.duckdb").exists()
        yield url


def test_twenty_simultaneous_sessions_on_a_fresh_start(server, con, chromium):
    sessions = asyncio.run(run_sessions(server, con, timeout=420))
    assert len(sessions) == 20
    assert sum(s.kind == "chromium" for s in sessions) == len(BROWSER_PAGES)
    failed = [(s.what, s.problem) for s in sessions if not s.ok]
    assert failed == []


def test_the_first_build_outlives_the_page_that_started_it(raw, tmp_path, browser):
    """A visitor who closes the tab during the first start does not throw the build away: it
    finishes with no page open (before, the page's script stopped and the half-built file went)."""
    import time

    empty = tmp_path / "data"
    env = {**os.environ, "SANTECARTE_RAW_DIR": str(raw), "SANTECARTE_DATA_DIR": str(empty)}
    with streamlit_server(env) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.get_by_text("Première ouverture : construction de la base").wait_for(timeout=60000)
        context.close()  # the visitor leaves during the build
        deadline = time.time() + 300
        while not (empty / "santecarte.duckdb").exists() and time.time() < deadline:
            time.sleep(1)
        assert (empty / "santecarte.duckdb").exists() and (empty / "build.log").exists()
        assert not (empty / "santecarte.duckdb.tmp").exists()
