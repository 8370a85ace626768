"""The bad-input corpus: every input of the app (uploads, zonage imports, time matrices, scenario
files, search text, URL parameters) fed wrong encodings, separators, huge files, HTML/JS, SQL
fragments, unknown and malformed INSEE codes. Each gets a clear French message — never a
traceback — and neither database changes (a digest of every table, read before and after)."""
import hashlib
import json

import pytest

from santecarte.core import config
from santecarte.core.files import MAX_UPLOAD_BYTES, UploadError
from santecarte.domain import profile, userdata, zonage
from santecarte.domain import scenario_file as scenarios
from santecarte.domain.search import search
from santecarte.domain.simulation import territory_codes
from santecarte.domain.uploads import perimeter_codes
from santecarte.pipeline.time_matrix import TimeMatrixError, read_time_matrix
from tests.test_pages import run

FRENCH = ("fichier", "code", "ligne", "colonne", "commune", "inconnu", "attendu", "vide", "scénario", "étape",
          "valeur", "nombre", "texte", "json", "lien", "quantité", "territoire", "version", "aucun", "geojson",
          "binaire", "trop", "zonage", "année", "médecins", "départ")
EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE communes; --",
        "1 OR 1=1", "%' UNION SELECT * FROM apl --", "${jndi:ldap://x}", "{{7*7}}", "\x00\x01"]
BAD_CODES = ["123", "123456", "2C001", "ABCDE", "99999", "00000", "2A", "85 018", "٨٥٠١٨", "85018.0.1"]


def is_french_message(text: str) -> bool:
    low = text.lower()
    return bool(text.strip()) and "traceback" not in low and any(word in low for word in FRENCH)


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

PERIMETERS = (
    [(f"code\n{c}\n".encode(), "p.csv") for c in BAD_CODES]
    + [(f"code\n{e}\n".encode("utf-8", "replace"), "p.csv") for e in EVIL]
    + [(b"\xff\xfe\xfd\xfc" * 50, "p.csv"),
       ("code;nom\n85018;Beauvoir\n\udc00".encode("utf-16", "surrogatepass"), "p.csv"),
       (b"code|nom\n99999|x\n", "p.csv"),
       (b"code\tnom\n2C001\tx\n", "p.csv"),
       (b"x" * (MAX_UPLOAD_BYTES + 1), "p.csv"),
       (b"", "p.csv"),
       (b"\n\n\n", "p.csv"),
       (b'code;nom\n85018;"Beauvoir\n', "p.csv"),
       (b"code,nom\n85018,a,b,c\n85047\n", "p.csv"),
       (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null}]}', "p.geojson"),
       (b'{"type": "Point", "coordinates": [0, 0]}', "p.geojson"),
       (b"<html><body>not a file</body></html>", "p.geojson"),
       (b'{"type": "FeatureCollection", "features": [', "p.geojson"),
       (b'{"type": "FeatureCollection" "features": []}', "p.json"),
       (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": '
        b'{"type": "Polygon", "coordinates": [[[100, 10], [101, 10], [101, 11], [100, 10]]]}}]}', "p.geojson")])


@pytest.mark.parametrize("data, name", PERIMETERS)
def test_perimeter_upload(con, before, data, name):
    try:
        codes, notes = perimeter_codes(con, data, name)
    except UploadError as exc:
        assert is_french_message(str(exc)), str(exc)
    else:  # accepted in part: what was dropped is said, line by line
        assert codes and notes and all(is_french_message(n) for n in notes), (codes, notes)


# --- zonage imports (S'installer) ---------------------------------------------------------------

ZONAGES = (
    [f"code;zonage\n{c};ZIP\n".encode() for c in BAD_CODES]
    + [f"code;zonage\n85018;{e}\n".encode("utf-8", "replace") for e in EVIL]
    + [b"code,zonage\n85018;ZIP\n", b"\x89PNG\r\n\x1a\n\x00\x00",
       b"code;zonage\n85018;ZIP\n85018;ZV\n", b"zonage\nZIP\n", b"x" * (MAX_UPLOAD_BYTES + 1)])


@pytest.mark.parametrize("data", ZONAGES)
def test_zonage_import(con, before, data):
    with pytest.raises(UploadError) as err:
        zonage.read_import(con, data)
    assert is_french_message(str(err.value)), str(err.value)


# --- time matrices ----------------------------------------------------------------------------------

KNOWN = {"85018", "85047", "85096", "2A004"}
MATRICES = (
    [f"from,to,minutes\n{c},85047,5\n".encode() for c in BAD_CODES[:6]]
    + [f"from,to,minutes\n85018,85047,{e}\n".encode("utf-8", "replace") for e in EVIL[:5]]
    + [b"from,to,minutes\n85018,85047,-1\n", b"from,to,minutes\n85018,85047,1e400\n",
       b"from;to;minutes\n85018;85047;nan\n", b"depuis,jusqua,temps\n85018,85047,5\n",
       b"from,to,minutes\n85018,85047,5\n85018,85047,6\n"])


@pytest.mark.parametrize("data", MATRICES)
def test_time_matrix(data):
    with pytest.raises(TimeMatrixError) as err:
        read_time_matrix(data, "matrice.csv", KNOWN)
    assert is_french_message(str(err.value)), str(err.value)


def test_utf16_files_are_read_like_their_utf8_twins(con, before):
    """Excel's « Texte Unicode » (UTF-16 with its BOM) is a text file, not a binary one."""
    assert perimeter_codes(con, "code;nom\n85018;Beauvoir\n".encode("utf-16"), "p.csv") == (["85018"], [])
    rows, _ = zonage.read_import(con, "code;zonage\n85018;ZIP\n".encode("utf-16"))
    assert rows.values.tolist() == [["85018", "ZIP"]]
    matrix = read_time_matrix("from,to,minutes\n85018,85047,5\n".encode("utf-16"), "matrice.csv", KNOWN)
    assert matrix[["from", "to"]].values.tolist() == [["85018", "85047"]] and float(matrix["minutes"].iloc[0]) == 5


# --- scenario files ---------------------------------------------------------------------------------

def scenario_file(**step):
    s = {"commune": "85018", "kind": "arrivee", "quantity": 1}
    s.update(step)
    return json.dumps({"version": 1, "name": "x", "territory": "departement:85", "year": 2023, "steps": [s]}).encode()


SCENARIOS = (
    [scenario_file(commune=c) for c in BAD_CODES]
    + [scenario_file(commune=e) for e in EVIL]
    + [scenario_file(quantity=q) for q in (-1, 0, 1e9, "1,5", None, [1], {"a": 1})]
    + [scenario_file(kind=k) for k in ("DEPART", "", "<b>x</b>")]
    + [scenario_file(kind="depart", quantity=5, declared_fte=2), scenario_file(kind="depart"),
       json.dumps({"version": 1, "name": "x", "territory": "departement:<script>", "year": 2023, "steps": []}).encode(),
       json.dumps({"version": 1, "name": "x", "territory": "communes:85018,'; DROP TABLE apl; --", "year": 2023,
                   "steps": []}).encode(),
       b'{"version": 1', "{}".encode("utf-16"), b"null", b"42"])
OTHER_SHAPES = [  # another tool's JSON, or a scenario edited by hand: told what is wrong, never « None »
    json.dumps({"nom": "x", "territoire": "departement:85", "etapes": []}).encode(),
    json.dumps({"version": 1, "name": "x", "territory": "departement:85", "steps": []}).encode(),
    json.dumps({"version": 1, "name": "x", "territory": "departement:85", "year": None, "steps": []}).encode(),
    json.dumps({"version": 1, "name": None, "territory": None, "year": 2023, "steps": None}).encode(),
    json.dumps({"version": 1, "name": "x", "territory": "departement:85", "year": 2023, "steps": [None]}).encode(),
    json.dumps({"version": 1, "name": "x", "territory": "departement:85", "year": 2023,
                "steps": [{"commune": "85018", "kind": "arrivee"}]}).encode(),
    json.dumps({"version": 1, "name": "x", "territory": "departement:85", "year": 2023,
                "steps": [{"commune": "85018", "kind": "depart", "quantity": 1, "declared_fte": None}]}).encode(),
    json.dumps({"type": "FeatureCollection", "features": []}).encode(),
    b'{"version": 1, "name": "x",}', b"{'version': 1}", b"[1, 2", b'{"version": 1} {}']
SCENARIOS += OTHER_SHAPES


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


def test_unreadable_parquet_matrix_names_no_exception_class():
    with pytest.raises(TimeMatrixError) as err:
        read_time_matrix(b"PAR1 not really parquet", "matrice.parquet", KNOWN)
    assert is_french_message(str(err.value)) and "Error" not in str(err.value) and "Invalid" not in str(err.value)


# --- search text and codes in links -----------------------------------------------------------------

SEARCHES = EVIL + ["%", "_", "\\", "*", "a" * 10_000, "🏥🩺", "\u202e85018", "   ", "NULL", "None"]


@pytest.mark.parametrize("text", SEARCHES)
def test_search_text(con, before, text):
    found = search(con, text)  # never raises; whatever it finds is a real commune
    assert found.empty or found["code"].str.fullmatch(r"[0-9AB]{5}").all()
    with pytest.raises(profile.UnknownCommune, match="Aucune commune n'a le code"):
        profile.resolve(con, text)


# --- URL parameters of every page ----------------------------------------------------------------

URLS = [
    ("pages/carte_apl.py", {"region": "<script>alert(1)</script>"}),
    ("pages/carte_apl.py", {"region": "52", "departement": "'; DROP TABLE apl; --"}),
    ("pages/carte_apl.py", {"indicateur": "APL 2099"}),
    ("pages/installer.py", {"profil": "chirurgien"}),
    ("pages/installer.py", {"code": "2C001"}),
    ("pages/installer.py", {"code": "<img src=x onerror=alert(1)>"}),
    ("pages/profil.py", {"code": "99999"}),
    ("pages/profil.py", {"code": "1 OR 1=1"}),
    ("pages/profil.py", {"code": "a" * 5000}),
    ("pages/simulation.py", {"scenario": "not-base64!!"}),
    ("pages/simulation.py", {"scenario": scenarios.Scenario("x", "departement:85", 2023,
                                                           [scenarios.Step("85018", "depart", 3)]).to_url()}),
    ("pages/simulation.py", {"scenario": scenarios.Scenario("x", "cpts:<b>nope</b>", 2023).to_url()}),
    ("pages/simulation.py", {"scenario": scenarios.Scenario("x", "departement:85", 2023,
                                                           [scenarios.Step("85018", "arrivee", -5)]).to_url()}),
    ("pages/cpts.py", {"region": "<script>alert(1)</script>"}),
    ("pages/cpts.py", {"region": "93", "cpts": "'; DROP TABLE cpts; --"}),
    ("pages/cpts.py", {"cpts": "a" * 5000}),
]


@pytest.mark.parametrize("path, query", URLS)
def test_url_parameters(data_dir, before, path, query):
    at = run(path, **query)  # run() asserts no exception
    messages = [m.value for m in [*at.warning, *at.error, *at.info]]
    assert any(is_french_message(m) for m in messages), messages


def test_databases_unchanged_by_the_corpus(con, before):
    """Last of the module: after every case above, both databases are as they were."""
    assert (digest(con), user_digest()) == before


def test_corpus_size():
    assert len(PERIMETERS) + len(ZONAGES) + len(MATRICES) + len(SCENARIOS) + len(SEARCHES) + len(URLS) >= 100
