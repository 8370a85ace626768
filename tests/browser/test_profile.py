"""« Profil de commune »: six PDFs printed at the same moment in a fresh process, as six sessions
of one server do. With the browser tests, beside the 20 simultaneous sessions that first caught
this race: a process of its own, font registration slowed down on purpose (some 20 s). The
figures of a profile and its PDF are in tests/integration/test_profile.py."""


RACE = """
import threading, time
from reportlab.pdfbase import pdfmetrics
from santecarte.core import db
from santecarte.domain import profile as P
from santecarte.views.report import profile_pdf
register = pdfmetrics.registerFont
def slow_register(font):  # widens the moment between the two fonts, as a busy server does
    register(font)
    time.sleep(3)
pdfmetrics.registerFont = slow_register
con = db.connect()
profiles = [P.build(con, c) for c in ("85018", "44109", "74056", "75101", "13201", "2B096")]
barrier, errors = threading.Barrier(len(profiles)), []
def go(k, p):
    barrier.wait()
    time.sleep(0.05 * k)  # one after the other, some while the first is registering the fonts
    try:
        assert profile_pdf(p).startswith(b"%PDF")
    except Exception as exc:
        errors.append(repr(exc)[:200])
threads = [threading.Thread(target=go, args=(k, p)) for k, p in enumerate(profiles)]
[t.start() for t in threads]
[t.join() for t in threads]
print(errors)
"""


def test_profiles_printed_at_once_in_a_fresh_process(data_dir):
    """Six sessions print their PDF at the same moment, in a process that has drawn no PDF yet (the
    fonts are registered on first use): none fails. Before the fonts were registered under a lock,
    one of them could see « Vera » but not yet « Vera-Bold » (« Can't map … vera-bold »; the
    20-session test caught it in CI). Registering a font is slowed down here, so that the moment
    between the two is wide enough to be met every time."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", RACE], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SANTECARTE_DATA_DIR": str(data_dir)})
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "[]"


def test_profile_shows_the_gp_trend_and_the_professions(server, page, artifacts):
    """Beauvoir-sur-Mer and Paris in Chromium (issue #17): the trend chart drawn with four lines,
    the years 2021–2023 as its categories and the unit on its axis; the professions' table and its
    source line; screenshots kept for a look."""
    page.set_viewport_size({"width": 1400, "height": 6000})  # Streamlit scrolls inside: the whole page at once
    for code, name in (("85018", "beauvoir"), ("75056", "paris")):
        page.goto(f"{server}/profil?code={code}")
        page.get_by_text("Cinq professions de premier recours").first.wait_for(timeout=120000)
        page.get_by_text("jamais comparées entre elles").first.wait_for(timeout=30000)
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for(timeout=30000)
        assert chart.locator(".scatterlayer .trace").count() == 4
        assert [t.strip() for t in chart.locator(".xtick text").all_text_contents()] == ["2021", "2022", "2023"]
        assert "consultations/hab./an" in chart.locator(".ytitle").text_content()
        box = chart.locator(".xtick text").nth(2).bounding_box()  # 2023: one hover, the four values in French
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] - 60)
        hover = chart.locator(".hoverlayer")
        page.wait_for_timeout(500)
        assert "consultations/hab./an" in hover.text_content() and "France : 3,74" in hover.text_content()
        page.screenshot(path=str(artifacts / f"profil_{name}_courbe.png"), clip=chart.bounding_box())
        page.mouse.move(0, 0)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(artifacts / f"profil_{name}_professions.png"), full_page=True)
        body = page.get_by_test_id("stMain").inner_text()
        assert "None" not in body and "nan" not in body.split()
        assert ("Rang dans le département" in body) == (code == "85018")
