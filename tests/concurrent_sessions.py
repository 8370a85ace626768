"""Twenty people on one server at once, each doing something different: 17 light websocket
sessions (scenarios that differ by one number, commune profiles, installation cards) and 3 real
Chromium pages (a map, an installation card, a city profile). Shared by the concurrency test (no
error, no session sees another's) and bench/concurrency.py (median and p95 page time)."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from santecarte.core.numbers import format_fr
from santecarte.domain import simulation as S
from santecarte.domain.scenario_file import Scenario, Step
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS
from tests.stream_client import open_page

SCENARIO_COMMUNE, SCENARIO_TERRITORY = "85018", "departement:85"
PROFILE_CODES = ["85018", "85047", "44109", "2A004", "97411"]
INSTALLER = [("etudiant", "85018"), ("installation", "04070"), ("remplacant", "13201"), ("installe", "75101")]
BROWSER_PAGES = [  # (path, what shows it is ready: a text, or a number of map polygons)
    ("carte_apl?region=52&departement=85", 253),
    ("installer?profil=etudiant&code=85018", "Contrat d'engagement de service public (CESP)"),
    ("profil?code=75056", "Paris (75056)"),
]


@dataclass
class Session:
    kind: str              # "websocket" or "chromium"
    what: str
    seconds: float
    ok: bool
    problem: str = ""


def scenario_sessions(con) -> list[tuple[str, str, str]]:
    """8 scenarios that differ only by the FTE added at one commune, with the mean-APL change
    each must show (its metric delta), computed here independently of the server."""
    eng = S.engine(con, 2023)
    codes = S.territory_codes(con, SCENARIO_TERRITORY)
    out = []
    for fte in range(1, 9):
        steps = [Step(SCENARIO_COMMUNE, "arrivee", float(fte))]
        s = S.summary(S.run(eng, codes, steps))
        link = Scenario(f"Session {fte}", SCENARIO_TERRITORY, 2023, steps).to_url()
        out.append((urlencode({"scenario": link}), format_fr(s["apl_after"] - s["apl_before"], 3), f"session {fte}"))
    return out


async def _websocket(url: str, page: str, query: str, must: str, must_not: list[str]) -> Session:
    try:
        run = await open_page(url, page, query)
    except Exception as exc:  # a refused or broken connection is a failure of the session
        return Session("websocket", f"{page}?{query[:40]}", float("nan"), False, repr(exc)[:200])
    text = run.text()
    problem = ("; ".join(run.exceptions) or ("" if must in text else f"« {must} » absent")
               or next((f"« {m} » d'une autre session" for m in must_not if m in text), ""))
    return Session("websocket", f"{page}?{query[:40]}", run.seconds, run.finished and not problem, problem)


async def _browser(browser, url: str, path: str, ready) -> Session:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    started = time.perf_counter()
    try:
        await page.goto(f"{url}/{path}")
        if isinstance(ready, int):
            deadline = time.perf_counter() + 120
            while True:
                counts = []
                for frame in page.frames:
                    try:
                        counts.append(await frame.locator("path.leaflet-interactive").count())
                    except Exception:
                        counts.append(0)
                if ready in counts:
                    break
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{max(counts, default=0)} polygones dessinés sur {ready}")
                await asyncio.sleep(0.1)
        else:
            await page.get_by_text(ready).first.wait_for(timeout=120000)
        ok, problem = await page.get_by_text("Traceback").count() == 0, ""
    except Exception as exc:
        ok, problem = False, repr(exc)[:200]
    seconds = time.perf_counter() - started
    await context.close()
    return Session("chromium", path, seconds, ok, problem)


async def run_sessions(url: str, con, timeout: float = 300) -> list[Session]:
    """All 20 sessions at once; raises TimeoutError past `timeout` seconds."""
    from playwright.async_api import async_playwright

    scenarios = scenario_sessions(con)
    deltas = [delta for _, delta, _ in scenarios]
    tasks = [_websocket(url, "simulation", query, delta, [d for d in deltas if d != delta])
             for query, delta, _ in scenarios]
    tasks += [_websocket(url, "profil", f"code={c}", f"({c})", [f"({o})" for o in PROFILE_CODES if o != c])
              for c in PROFILE_CODES]
    tasks += [_websocket(url, "installer", f"profil={p}&code={c}", f"({c})", [f"({o})" for _, o in INSTALLER if o != c])
              for p, c in INSTALLER]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tasks += [_browser(browser, url, path, ready) for path, ready in BROWSER_PAGES]
        try:
            return await asyncio.wait_for(asyncio.gather(*tasks), timeout)
        finally:
            await browser.close()
