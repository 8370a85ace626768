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
