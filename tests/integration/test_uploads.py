"""Perimeters uploaded by users: CSV of codes in the usual encodings and separators, GeoJSON;
bad files get a French message with the offending lines (on the real database; sizes written in
French are in tests/unit/test_uploads.py)."""
import json

import pytest

from santecarte.core.files import MAX_UPLOAD_BYTES, UploadError
from santecarte.domain.uploads import perimeter_codes


def test_csv_semicolon_latin1_with_header(con):
    data = "code_insee;nom\n85018;Beauvoir-sur-Mer\n85047;Challans\n".encode("cp1252")
    codes, notes = perimeter_codes(con, data, "perimetre.csv")
    assert codes == ["85018", "85047"] and notes == []


def test_csv_without_header_utf8_bom_and_comma(con):
    codes, _ = perimeter_codes(con, "\ufeff85018,x\n1001,y\n".encode("utf-8"), "p.csv")
    assert codes == ["85018", "01001"]


def test_unknown_codes_are_listed_with_lines_and_the_rest_is_kept(con):
    data = b"code\n85018\n99999\n<img src=x onerror=alert(1)>\n85047\n"
    codes, notes = perimeter_codes(con, data, "p.csv")
    assert codes == ["85018", "85047"]
    assert "2 code(s) inconnu(s)" in notes[0] and "lignes 3, 4" in notes[0]


def test_paris_stands_for_its_arrondissements_and_old_codes_are_mapped(con):
    codes, notes = perimeter_codes(con, b"code\n75056\n93059\n", "p.csv")
    assert len(codes) == 21 and "75101" in codes and "93066" in codes
    assert any("arrondissements" in n for n in notes) and any("93059" in n for n in notes)


@pytest.mark.parametrize("data, name, message", [
    (b"", "p.csv", "vide"),
    (b"code\n", "p.csv", "aucune ligne"),
    (b"code\nabc\n", "p.csv", "Aucun code commune reconnu"),
    (b"\x00\x00PK", "p.csv", "binaire"),
    (b'{"type": "FeatureCollection", "features": [', "p.geojson",
     "GeoJSON invalide, ligne 1, colonne 44 : une valeur est attendue"),
    (b'{"type": "FeatureCollection",\n "features": [] "x": 1}', "p.geojson",
     "GeoJSON invalide, ligne 2, colonne 17 : une virgule"),
    (b'{"type": "Feature"} ]', "p.geojson", "ligne 1, colonne 21 : contenu en trop après la fin"),
    (b'{"type": "FeatureCollection", "features": []}', "p.geojson", "sans entité"),
    (b'{"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}}', "p.geojson", "non polygonale"),
])
def test_bad_files(con, data, name, message):
    with pytest.raises(UploadError, match=message) as err:
        perimeter_codes(con, data, name)
    assert not any(word in str(err.value) for word in ("Expecting", "delimiter", "Extra data"))


def test_huge_file_is_refused_before_parsing(con):
    with pytest.raises(UploadError, match="^Fichier trop volumineux \\(50 Mo ; au plus 50 Mo\\)"):
        perimeter_codes(con, b"0" * (MAX_UPLOAD_BYTES + 1), "p.csv")


def test_geojson_polygon_selects_communes_by_town_hall(con):
    square = {"type": "Polygon", "coordinates": [[[-2.10, 46.88], [-1.98, 46.88], [-1.98, 46.95], [-2.10, 46.95],
                                                   [-2.10, 46.88]]]}
    data = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": square,
                                                                  "properties": {}}]}).encode()
    codes, _ = perimeter_codes(con, data, "zone.geojson")
    assert "85018" in codes and len(codes) < 10
    with pytest.raises(UploadError, match="Aucune commune"):
        sea = {"type": "Polygon", "coordinates": [[[-6, 45], [-5.5, 45], [-5.5, 45.5], [-6, 45]]]}
        perimeter_codes(con, json.dumps(sea).encode(), "mer.geojson")
