"""Perimeters uploaded by users: the sizes written in French beside the uploaders (the files
themselves are read against the real database in tests/integration/test_uploads.py)."""
import pytest

from santecarte.core.files import size_fr


@pytest.mark.parametrize("n, text", [(0, "0 octet"), (80, "80 octets"), (1536, "1,5 Ko"), (1024**2, "1 Mo"),
                                     (60 * 1024**2, "60 Mo"), (int(2.25 * 1024**3), "2,3 Go")])
def test_sizes_are_written_in_french(n, text):
    """What Streamlit writes « 80.0B » or « 60MB », said in French beside the uploaders."""
    assert size_fr(n) == text
