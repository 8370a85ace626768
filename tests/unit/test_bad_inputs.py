"""The bad-input corpus: every input of the app (uploads, zonage imports, time matrices, scenario
files, search text, URL parameters) fed wrong encodings, separators, huge files, HTML/JS, SQL
fragments, unknown and malformed INSEE codes. Each gets a clear French message — never a
traceback — and neither database changes (a digest of every table, read before and after).
Here: the corpus, and the inputs read without any database (time matrices); the rest of it is
fed to the real database and the pages by tests/integration/test_bad_inputs.py."""
import json

import pytest

from santecarte.core.files import MAX_UPLOAD_BYTES
from santecarte.domain import scenario_file as scenarios
from santecarte.pipeline.time_matrix import TimeMatrixError, read_time_matrix

FRENCH = ("fichier", "code", "ligne", "colonne", "commune", "inconnu", "attendu", "vide", "scénario", "étape",
          "valeur", "nombre", "texte", "json", "lien", "quantité", "territoire", "version", "aucun", "geojson",
          "binaire", "trop", "zonage", "année", "médecins", "départ")
EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE communes; --",
        "1 OR 1=1", "%' UNION SELECT * FROM apl --", "${jndi:ldap://x}", "{{7*7}}", "\x00\x01"]
BAD_CODES = ["123", "123456", "2C001", "ABCDE", "99999", "00000", "2A", "85 018", "٨٥٠١٨", "85018.0.1"]


def is_french_message(text: str) -> bool:
    low = text.lower()
    return bool(text.strip()) and "traceback" not in low and any(word in low for word in FRENCH)


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


# --- zonage imports (S'installer) ---------------------------------------------------------------

ZONAGES = (
    [f"code;zonage\n{c};ZIP\n".encode() for c in BAD_CODES]
    + [f"code;zonage\n85018;{e}\n".encode("utf-8", "replace") for e in EVIL]
    + [b"code,zonage\n85018;ZIP\n", b"\x89PNG\r\n\x1a\n\x00\x00",
       b"code;zonage\n85018;ZIP\n85018;ZV\n", b"zonage\nZIP\n", b"x" * (MAX_UPLOAD_BYTES + 1)])


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


def test_unreadable_parquet_matrix_names_no_exception_class():
    with pytest.raises(TimeMatrixError) as err:
        read_time_matrix(b"PAR1 not really parquet", "matrice.parquet", KNOWN)
    assert is_french_message(str(err.value)) and "Error" not in str(err.value) and "Invalid" not in str(err.value)


# --- search text and codes in links -----------------------------------------------------------------

SEARCHES = EVIL + ["%", "_", "\\", "*", "a" * 10_000, "🏥🩺", "\u202e85018", "   ", "NULL", "None"]


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


def test_corpus_size():
    assert len(PERIMETERS) + len(ZONAGES) + len(MATRICES) + len(SCENARIOS) + len(SEARCHES) + len(URLS) >= 100
