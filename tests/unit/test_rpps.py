"""The national RPPS ingester on a hand-written file in the official format."""
from pathlib import Path

import pandas as pd
import pytest

from santecarte.pipeline.supply import parse_rpps_activites

FIXTURE = Path(__file__).parents[1] / "fixtures" / "PS_LibreAcces_Personne_activite_fixture.txt"

# code_postal → communes, as the codes_postaux table gives them (Etalab, COG 2026).
PLACES = pd.DataFrame([
    ("85230", "85018", "beauvoir sur mer", "COM", None),
    ("85230", "85029", "bouin", "COM", None),
    ("85230", "85221", "saint gervais", "COM", None),
    ("75015", "75056", "paris", "COM", None),
    ("75015", "75115", "paris 15e arrondissement", "ARM", "75056"),
    ("85300", "85047", "challans", "COM", None),
    ("85300", "85095", "froidfond", "COM", None),
    ("20000", "2A004", "ajaccio", "COM", None),
], columns=["code_postal", "commune_code", "nom_search", "kind", "parent_code"])


@pytest.fixture(scope="module")
def parsed():
    return parse_rpps_activites(FIXTURE, PLACES, chunksize=4)


def test_keeps_only_gp_practice_activities(parsed):
    sites, stats = parsed
    assert stats.rows_read == 9
    # pharmacist, hospital GP (SA01) and cardiologist are out
    assert stats.gp_activities == 6
    assert set(sites["identifiant"]) == {"10000000001", "10000000002", "10000000003", "10000000004", "10000000009"}


def test_places_each_activity_in_its_commune(parsed):
    sites, stats = parsed
    where = dict(zip(sites["identifiant"], sites["commune_code"]))
    assert where["10000000001"] == "85018"          # code given
    assert where["10000000002"] == "85018"          # shared postal code, label decides
    assert where["10000000003"] == "75115"          # Paris city code → arrondissement of 75015
    assert where["10000000004"] == "85047"          # centre de santé, label « Challans »
    assert where["10000000009"] == "2A004"
    assert (stats.placed_by_code, stats.placed_by_postcode, stats.unplaced) == (3, 2, 1)


def test_never_keeps_names(parsed):
    sites, _ = parsed
    assert not any("MARTIN" in str(v) or "<img" in str(v) for v in sites.to_numpy().ravel())


def test_missing_column_is_reported(tmp_path):
    bad = tmp_path / "bad.txt"
    text = FIXTURE.read_text(encoding="utf-8").replace("Code savoir-faire|", "Code savoir faire|", 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="Code savoir-faire"):
        parse_rpps_activites(bad, PLACES)
