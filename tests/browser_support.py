"""Headless-browser helpers shared by the browser tests and bench/map_browser.py: a Streamlit
server on a loopback port, the system Chromium, and the streamlit-folium map frame."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SANTECARTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(env: dict | None = None, startup_seconds: float = 60):
    """Run `streamlit run app.py` on 127.0.0.1 and yield its base URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=PROJECT, env=env or os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + startup_seconds
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("le serveur Streamlit n'a pas démarré")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def map_path_count(page, timeout: float = 60, expected: int | None = None) -> int:
    """Number of `path.leaflet-interactive` in the map's frame once drawn (and equal to
    `expected` when given); 0 if nothing is drawn by `timeout`."""
    deadline = time.time() + timeout
    count = 0
    while time.time() < deadline:
        for frame in page.frames:
            try:
                count = frame.locator("path.leaflet-interactive").count()
            except Exception:  # frame detached while Streamlit reruns
                count = 0
            if count and (expected is None or count == expected):
                return count
        time.sleep(0.1)
    return count


def map_frame(page, timeout: float = 60):
    """The frame of the (first) folium map once its polygons are drawn."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in page.frames:
            try:
                if frame.locator("path.leaflet-interactive").count():
                    return frame
            except Exception:  # frame detached while Streamlit reruns
                pass
        time.sleep(0.2)
    raise AssertionError("aucune carte dessinée")


def settled(page, seconds: float = 60) -> None:
    """Wait until the script has finished its run (Streamlit's « Running » widget gone a while)."""
    deadline, quiet = time.time() + seconds, 0
    while time.time() < deadline and quiet < 6:
        quiet = quiet + 1 if page.locator("[data-testid=stStatusWidget]").count() == 0 else 0
        time.sleep(0.25)


def no_error_on_page(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0, page.locator(
        "[data-testid=stException]").first.inner_text()
    assert "Traceback" not in page.inner_text("body")
