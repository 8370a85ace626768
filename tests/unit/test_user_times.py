"""A user's matrix of road times: parsed when right, refused with a French message listing the
offending rows when wrong."""
import io

import numpy as np
import pandas as pd
import pytest

from santecarte.accessibility.engine import Catchment
from santecarte.accessibility.travel import TravelTimes
from santecarte.pipeline.time_matrix import TimeMatrixError, read_time_matrix

KNOWN = {"85018", "85096", "85047", "2A004"}


def test_reads_semicolon_latin1_with_french_headers():
    text = "origine;destination;temps\n85018;85096;12,5\n85096;85018;13\n85018;85018;0\n"
    df = read_time_matrix(text.encode("cp1252"), "temps.csv", KNOWN)
    assert list(df.columns) == ["from", "to", "minutes"]
    assert df["minutes"].tolist() == [12.5, 13.0, 0.0]


def test_reads_utf8_bom_comma_and_integer_codes():
    text = "\ufefffrom,to,minutes\n85018,2A004,9\n1001,85018,3\n"
    with pytest.raises(TimeMatrixError, match=r"code commune inconnu.*ligne 3"):
        read_time_matrix(text.encode("utf-8"), "m.csv", KNOWN)
    ok = read_time_matrix("from,to,minutes\n85018,2a004,9\n".encode(), "m.csv", KNOWN)
    assert ok.loc[0, "to"] == "2A004"


@pytest.mark.parametrize("content, message", [
    (b"", "vide"),
    (b"from,to\n85018,85096\n", "Colonnes manquantes : minutes"),
    (b"from,to,minutes\n", "aucune ligne"),
    (b"\x00\x01\x02binary", "binaire"),
    (bytes(range(1, 200)) * 3, "binaire"),  # compressed or random bytes: control bytes but no zero byte
    (b"from,to,minutes\n85018,85096,-3\n85018,85047,\n85018,2A004,abc\n", "lignes 2, 3, 4"),
    (b"from,to,minutes\n85018,85096,3\n85018,85096,4\n", "en double .* ligne 3"),
    (b"from,to,minutes\n<script>alert(1)</script>,85096,3\n", "code commune inconnu"),
    (b"from,to,minutes\n85018;DROP TABLE apl,85096,3\n", "code commune inconnu"),
])
def test_bad_matrices_are_refused_with_rows(content, message):
    with pytest.raises(TimeMatrixError, match=message):
        read_time_matrix(content, "m.csv", KNOWN)


def test_parquet_and_not_parquet(tmp_path):
    buf = io.BytesIO()
    pd.DataFrame({"from": ["85018"], "to": ["85096"], "minutes": [7.0]}).to_parquet(buf)
    assert read_time_matrix(buf.getvalue(), "m.parquet", KNOWN)["minutes"].tolist() == [7.0]
    with pytest.raises(TimeMatrixError, match="Parquet illisible"):
        read_time_matrix(b"from,to,minutes\n", "m.parquet", KNOWN)


def three_communes() -> pd.DataFrame:
    """A and B 3 km apart, C 3 km beyond B (about 6 minutes each by the crow-flight model)."""
    return pd.DataFrame({"code": ["A", "B", "C"], "lon": [0.0, 0.0, 0.0], "lat": [45.0, 45.027, 45.054],
                         "area_km2": [10.0, 10.0, 10.0], "density": [50.0, 50.0, 50.0], "land_mass": [0, 0, 0]})


def weights(units, matrix) -> np.ndarray:
    net = TravelTimes(units, matrix=matrix).network()
    c = Catchment.from_times(units["code"].values, net.i, net.j, net.minutes, np.full(len(units), 100.0))
    return c.weights.toarray()


def test_engine_uses_the_user_times():
    matrix = pd.DataFrame({"from": ["A", "B"], "to": ["B", "A"], "minutes": [12.0, 25.0]})
    w = weights(three_communes(), matrix)
    assert w[0, 1] == pytest.approx(2 / 3) and w[1, 0] == 0.0  # asymmetric, as given
    assert w[0, 0] == 1.0  # own commune from the model's intra-commune time


def test_a_partial_matrix_keeps_the_model_for_uncovered_communes():
    """A matrix of A and B only: between them only the matrix counts (A → A left out keeps the
    model's time, a pair left out is beyond reach); C keeps the crow-flight times (< 10 min)."""
    matrix = pd.DataFrame({"from": ["A", "B"], "to": ["B", "B"], "minutes": [17.0, 12.0]})
    w = weights(three_communes(), matrix)
    assert w[0, 1] == pytest.approx(1 / 3) and w[1, 0] == 0.0
    assert w[1, 1] == pytest.approx(2 / 3) and w[0, 0] == 1.0
    assert w[2, 1] == 1.0 and w[1, 2] == 1.0 and w[2, 2] == 1.0
