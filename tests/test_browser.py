"""Real pages in headless Chromium (system chromium driven by playwright): the map draws its
polygons with no request leaving the machine, and follows the department chosen."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import pytest

from tests.conftest import PROJECT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(data_dir):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=PROJECT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("le serveur Streamlit n'a pas démarré")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} absent : installez le paquet Debian chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.outside = []
    pg.on("request", lambda r: pg.outside.append(r.url)
          if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).hostname not in LOOPBACK
          else None)
    yield pg
    context.close()


def map_frame(pg, timeout=60):
    """The streamlit-folium iframe once its Leaflet map has drawn paths."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in pg.frames:
            try:
                if frame.locator("path.leaflet-interactive").count():
                    return frame
            except Exception:  # frame detached while Streamlit reruns
                pass
        pg.wait_for_timeout(250)
    raise AssertionError("la carte n'a dessiné aucun polygone")


def drawn_communes(con, departement):
    return con.execute("SELECT count(*) FROM communes WHERE apl_unit AND geom_display IS NOT NULL "
                       "AND departement_code = ?", [departement]).fetchone()[0]


def wait_count(frame, expected, timeout=60):
    deadline = time.time() + timeout
    n = -1
    while time.time() < deadline:
        try:
            n = frame.locator("path.leaflet-interactive").count()
        except Exception:
            n = -1
        if n == expected:
            return n
        time.sleep(0.25)
    return n


def test_map_draws_offline_and_follows_department(server, page, con, artifacts):
    page.goto(f"{server}/carte_apl")
    frame = map_frame(page)
    vendee = drawn_communes(con, "85")
    assert vendee == 253
    assert wait_count(frame, vendee) == vendee
    assert frame.locator(".santecarte-legend").inner_text().count("sous-dense") == 1
    page.screenshot(path=str(artifacts / "carte_apl_vendee.png"), full_page=True)

    page.get_by_test_id("stSelectbox").nth(1).click()
    page.keyboard.type("Loire-Atlantique")
    page.keyboard.press("Enter")
    loire_atlantique = drawn_communes(con, "44")
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline and count != loire_atlantique:
        try:
            count = map_frame(page, timeout=5).locator("path.leaflet-interactive").count()
        except AssertionError:
            count = 0
        page.wait_for_timeout(300)
    assert count == loire_atlantique
    page.screenshot(path=str(artifacts / "carte_apl_loire_atlantique.png"), full_page=True)
    assert page.outside == []


@pytest.mark.parametrize("path, text", [("", "Millésimes des données"), ("sources", "À propos des données")])
def test_other_pages_load(server, page, artifacts, path, text):
    page.goto(f"{server}/{path}")
    page.get_by_text(text).first.wait_for(timeout=60000)
    assert page.get_by_text(re.compile("Traceback|Error")).count() == 0
    page.screenshot(path=str(artifacts / f"page_{path or 'accueil'}.png"), full_page=True)
    assert page.outside == []
