"""Twenty simultaneous sessions on one server (loopback only, bounded in time): none fails and
none sees another's scenario, profile or card (tests/concurrent_sessions.py)."""
import asyncio

import pytest

from tests.browser_support import streamlit_server
from tests.concurrent_sessions import BROWSER_PAGES, run_sessions


@pytest.fixture(scope="module")
def server(data_dir):
    with streamlit_server() as url:
        yield url


def test_twenty_simultaneous_sessions(server, con):
    sessions = asyncio.run(run_sessions(server, con, timeout=300))
    assert len(sessions) == 20
    assert sum(s.kind == "chromium" for s in sessions) == len(BROWSER_PAGES)
    failed = [(s.what, s.problem) for s in sessions if not s.ok]
    assert failed == []
