"""Travel minutes shown in whole minutes rounded down: a neighbour 19,65 minutes away is inside
the 20-minute neighbourhood and reads « 19 » on the profile, its PDF and the maisons de santé
tables, never « 20 » (the rounding itself: tests/unit/test_numbers.py)."""
import numpy as np

from santecarte.core.numbers import format_fr
from santecarte.domain import profile as P
from santecarte.domain.installation import msp_display, msp_within
from santecarte.domain.travel import reachable


def test_challans_neighbour_just_under_20_minutes_reads_19(con):
    raw = reachable(con, "85047").set_index("code")["minutes"]
    assert 19.5 < raw["85268"] < 20  # Saint-Révérend: would round to « 20 »
    shown = P.build(con, "85047").neighbours.set_index("code")["minutes"]
    assert shown["85268"] == 19 and format_fr(shown["85268"], 0) == "19"
    assert (shown == np.floor(raw[shown.index])).all() and shown.max() <= 19


def test_maisons_de_sante_minutes_are_whole_and_under_20(con):
    msp = msp_within(con, "85047")
    assert len(msp) and (msp["minutes"] == np.floor(msp["minutes"])).all() and msp["minutes"].max() <= 19
    assert set(msp_display(msp)["Minutes (estimées)"]) <= {str(m) for m in range(20)}
