"""`python -m santecarte times PAIRS.csv`, run as a user runs it (a subprocess on the real
database): the engine's own minutes, in the input's order, for every encoding and separator the
uploads accept; an unusable file gets a French message and exit code 2, never a traceback."""
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from santecarte.domain.travel import travel_times

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def run(path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "santecarte", "times", str(path)], capture_output=True,
                          text=True, encoding="utf-8", env=os.environ.copy(), timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def write(tmp_path, data: bytes, name="couples.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rows(stdout: str) -> list[list[str]]:
    head, *body = stdout.splitlines()
    assert head == "from,to,minutes"
    return [line.split(",") for line in body]


def engine(con, pairs) -> np.ndarray:
    t = travel_times(con)
    i, j = t.indices([a for a, _ in pairs]), t.indices([b for _, b in pairs])
    assert (i >= 0).all() and (j >= 0).all()
    return t.pair_minutes(i, j)


def test_minutes_are_the_engines_in_the_input_order(con, tmp_path):
    text = "\ufefffrom,to\n85018,85096\n1001,1001\n2a004,2B033\n01004,01001\n85018,85018\n01018,01033\n"
    done = run(write(tmp_path, text.encode("utf-8")))
    assert done.returncode == 0, done.stderr
    out = rows(done.stdout)
    expected = [("85018", "85096"), ("01001", "01001"), ("2A004", "2B033"), ("01004", "01001"),
                ("85018", "85018"), ("01018", "01033")]
    assert [(a, b) for a, b, _ in out] == expected  # order kept, codes as INSEE writes them
    current = expected[:-1] + [("01033", "01033")]  # a former code counts for its commune
    # exact: the printed decimal reads back as the engine's float
    assert [float(m) for _, _, m in out] == engine(con, current).tolist()
    t = travel_times(con)
    k = t.indices(["01001"])
    assert float(out[1][2]) == t.pair_minutes(k, k)[0]  # from == to: the intra-commune time
    assert 0 < float(out[1][2]) < float(out[3][2])
    assert "ancien code" in done.stderr and "01018 → 01033" in done.stderr


def test_semicolon_latin1_file_with_an_extra_column(con, tmp_path):
    text = "from;to;libellé\n01001;01004;L'Abergement-Clémenciat → Ambérieu\n2A004;2A004;Ajaccio\n"
    done = run(write(tmp_path, text.replace("→", "-").encode("cp1252")))
    assert done.returncode == 0, done.stderr
    out = rows(done.stdout)
    assert [(a, b) for a, b, _ in out] == [("01001", "01004"), ("2A004", "2A004")]
    assert [float(m) for _, _, m in out] == engine(con, [("01001", "01004"), ("2A004", "2A004")]).tolist()


def test_an_island_without_a_bridge_gets_an_empty_field(con, tmp_path):
    done = run(write(tmp_path, b"from,to\n85113,85018\n85018,85096\n"))
    assert done.returncode == 0, done.stderr
    out = rows(done.stdout)
    assert out[0] == ["85113", "85018", ""]  # L'Île-d'Yeu → Beauvoir-sur-Mer: no road
    assert float(out[1][2]) > 0
    notes = done.stderr.strip().splitlines()
    assert len(notes) == 1 and notes[0].startswith("1 couple(s) sans temps") and "île sans pont" in notes[0]


def test_a_pair_a_user_matrix_leaves_out_gets_an_empty_field(con, tmp_path, monkeypatch):
    """Between two communes the matrix covers only the matrix counts (travel.py)."""
    raw = tmp_path / "raw"
    (raw / "times").mkdir(parents=True)
    (raw / "times" / "matrice_utilisateur.csv").write_text("from,to,minutes\n85018,85096,7\n85096,85047,9\n")
    monkeypatch.setenv("SANTECARTE_RAW_DIR", str(raw))
    done = run(write(tmp_path, b"from,to\n85018,85096\n85018,85047\n85018,85018\n01001,85018\n"))
    assert done.returncode == 0, done.stderr
    out = rows(done.stdout)
    assert out[0][2] == "7.0" and out[1][2] == ""
    pairs = [("85018", "85096"), ("85018", "85047"), ("85018", "85018"), ("01001", "85018")]
    assert engine(con, pairs)[1] == np.inf  # the engine read the same matrix
    assert [float(m) for _, _, m in out if m] == [m for m in engine(con, pairs).tolist() if m != np.inf]
    assert "1 absent(s) de la matrice routière fournie" in done.stderr


def test_unknown_codes_are_refused_with_their_lines(con, tmp_path):
    done = run(write(tmp_path, b"from,to\n85018,85096\n99999,85018\n85018,85096\n85018,75056\n"))
    assert done.returncode == 2 and done.stdout == ""
    assert "2 couple(s) avec un code commune inconnu" in done.stderr
    assert "lignes 3, 5" in done.stderr and "« 99999 »" in done.stderr
    assert "Paris, Lyon, Marseille : par arrondissement" in done.stderr  # 75056 is Paris, not a unit


@pytest.mark.parametrize("data, message", [
    (b"01001,01004\n85018,85096\n", "Colonnes manquantes : from, to"),
    (b"code;nom\n01001;L'Abergement\n", "en-tête from,to"),
    (PNG, "pas un fichier texte (contenu binaire)"),
    (b"", "Le fichier est vide"),
    (b"from,to\n", "aucune ligne de données"),
    (None, "fichier introuvable"),
])
def test_unusable_files_exit_2_with_a_french_message(con, tmp_path, data, message):
    path = tmp_path / "absent.csv" if data is None else write(tmp_path, data)
    done = run(path)
    assert done.returncode == 2 and done.stdout == ""
    assert message in done.stderr and str(path) in done.stderr


def test_a_command_line_mistake_is_told_in_french():
    """argparse's own words (« usage: », « the following arguments are required ») never reach the
    analyst: no file named, an unknown command."""
    for args, said in ((["times"], "argument(s) obligatoire(s) manquant(s) : PAIRS.csv"),
                       (["tmes", "x.csv"], "argument « commande » : choix inconnu : 'tmes'")):
        done = subprocess.run([sys.executable, "-m", "santecarte", *args], capture_output=True, text=True,
                              encoding="utf-8", env=os.environ.copy(), timeout=60)
        assert done.returncode == 2 and done.stdout == ""
        assert said in done.stderr and done.stderr.startswith("utilisation : python -m santecarte")
        assert not re.search(r"usage|error|required|invalid|choose", done.stderr)
