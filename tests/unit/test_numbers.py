"""Travel minutes shown in whole minutes rounded down (a neighbour 19,65 minutes away reads
« 19 », never « 20 »); on the real profile and its tables: tests/integration/test_minutes_shown.py."""
import numpy as np

from santecarte.core.numbers import whole_minutes


def test_whole_minutes_round_down():
    assert list(whole_minutes(np.array([0.2, 11.99, 19.98, 20.0]))) == [0, 11, 19, 20]
    assert np.isnan(whole_minutes(np.array([np.nan])))[0]
