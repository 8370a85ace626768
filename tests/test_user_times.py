"""A user's matrix of road times: parsed when right, refused with a French message listing the
offending rows when wrong."""
import io

import numpy as np
import pandas as pd
import pytest

from santecarte.accessibility.engine import Catchment
from santecarte.accessibility.user_times import TimeMatrixError, matrix_network, read_time_matrix

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


def test_engine_uses_the_user_times():
    units = pd.DataFrame({"code": ["A", "B"], "area_km2": [10.0, 10.0], "density": [50.0, 50.0]})
    matrix = pd.DataFrame({"from": ["A", "B"], "to": ["B", "A"], "minutes": [12.0, 25.0]})
    net = matrix_network(units, matrix)
    c = Catchment.from_times(units["code"].values, net.i, net.j, net.minutes, np.array([100.0, 100.0]))
    assert c.weights[0, 1] == pytest.approx(2 / 3) and c.weights[1, 0] == 0.0  # asymmetric, as given
    assert c.weights[0, 0] == 1.0  # own commune from the model's intra-commune time
