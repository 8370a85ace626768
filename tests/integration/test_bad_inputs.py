"""The bad-input corpus of tests/unit/test_bad_inputs.py fed to the real database and the pages:
perimeter uploads, zonage imports, scenario files, search text and URL parameters each get a clear
French message — never a traceback — and neither database changes (a digest of every table, read
before and after)."""
import hashlib

import pytest

from santecarte.core import config
from santecarte.core.files import UploadError
from santecarte.domain import profile, userdata, zonage
from santecarte.domain import scenario_file as scenarios
from santecarte.domain.search import search
from santecarte.domain.simulation import territory_codes
from santecarte.domain.uploads import perimeter_codes
from santecarte.pipeline.time_matrix import read_time_matrix
from tests.integration.test_pages import run
from tests.unit.test_bad_inputs import (
    KNOWN,
    OTHER_SHAPES,
    PERIMETERS,
    SCENARIOS,
    SEARCHES,
    URLS,
    ZONAGES,
    is_french_message,
)


def digest(con) -> str:
    """A digest of every row of every table of a DuckDB database."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                        "'main' AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
    parts = [f"{t}:{con.execute(f'SELECT count(*), bit_xor(hash(r::VARCHAR)) FROM {t} r').fetchone()}" for t in tables]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def user_digest() -> str:
    """Through the app's own connection: the process keeps one to the user store."""
    if not config.user_db_path().exists():
        return "absent"
    with userdata.connect() as con:
        return digest(con)


@pytest.fixture(scope="module")
def before(con):
    return digest(con), user_digest()


# --- perimeter uploads (Couverture CPTS) ------------------------------------------------------------

@pytest.mark.parametrize("data, name", PERIMETERS)
def test_perimeter_upload(con, before, data, name):
    try:
        codes, notes = perimeter_codes(con, data, name)
    except UploadError as exc:
        assert is_french_message(str(exc)), str(exc)
    else:  # accepted in part: what was dropped is said, line by line
        assert codes and notes and all(is_french_message(n) for n in notes), (codes, notes)


# --- zonage imports (S'installer) ---------------------------------------------------------------

@pytest.mark.parametrize("data", ZONAGES)
def test_zonage_import(con, before, data):
    with pytest.raises(UploadError) as err:
        zonage.read_import(con, data)
    assert is_french_message(str(err.value)), str(err.value)


# --- time matrices ----------------------------------------------------------------------------------

def test_utf16_files_are_read_like_their_utf8_twins(con, before):
    """Excel's « Texte Unicode » (UTF-16 with its BOM) is a text file, not a binary one."""
    assert perimeter_codes(con, "code;nom\n85018;Beauvoir\n".encode("utf-16"), "p.csv") == (["85018"], [])
    rows, _ = zonage.read_import(con, "code;zonage\n85018;ZIP\n".encode("utf-16"))
    assert rows.values.tolist() == [["85018", "ZIP"]]
    matrix = read_time_matrix("from,to,minutes\n85018,85047,5\n".encode("utf-16"), "matrice.csv", KNOWN)
    assert matrix[["from", "to"]].values.tolist() == [["85018", "85047"]] and float(matrix["minutes"].iloc[0]) == 5


# --- scenario files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("data", SCENARIOS)
def test_scenario_file(con, before, data):
    with pytest.raises(scenarios.ScenarioError) as err:
        scenario = scenarios.read(data)
        scenarios.check(scenario, set(territory_codes(con, scenario.territory)))
    assert is_french_message(str(err.value)), str(err.value)


@pytest.mark.parametrize("data", OTHER_SHAPES)
def test_scenario_of_another_shape_has_no_python_word(con, data):
    with pytest.raises(scenarios.ScenarioError) as err:
        scenario = scenarios.read(data)
        scenarios.check(scenario, set(territory_codes(con, scenario.territory)))
    message = str(err.value)
    assert not any(word in message for word in ("None", "Expecting", "delimiter", "Extra data", "True", "False")), message


# --- search text and codes in links -----------------------------------------------------------------

@pytest.mark.parametrize("text", SEARCHES)
def test_search_text(con, before, text):
    found = search(con, text)  # never raises; whatever it finds is a real commune
    assert found.empty or found["code"].str.fullmatch(r"[0-9AB]{5}").all()
    with pytest.raises(profile.UnknownCommune, match="Aucune commune n'a le code"):
        profile.commune_code(con, text)


# --- URL parameters of every page ----------------------------------------------------------------

@pytest.mark.parametrize("path, query", URLS)
def test_url_parameters(data_dir, before, path, query):
    at = run(path, **query)  # run() asserts no exception
    messages = [m.value for m in [*at.warning, *at.error, *at.info]]
    assert any(is_french_message(m) for m in messages), messages


def test_databases_unchanged_by_the_corpus(con, before):
    """Last of the module: after every case above, both databases are as they were."""
    assert (digest(con), user_digest()) == before
