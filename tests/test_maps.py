"""Map building: escaped names, offline assets only, APL colour classes."""
import json

import pandas as pd

from santecarte.indicators import NO_VALUE_COLOUR, apl_colour
from santecarte.maps.assets import LEAFLET_CSS, LEAFLET_JS, ensure_static_assets
from santecarte.maps.choropleth import choropleth_map, feature_collection

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]})
ROWS = pd.DataFrame({"code": ["99001", "99002"], "nom": ["<img src=x onerror=alert(1)>", "Sainte-Mère"],
                     "geometry": [SQUARE, SQUARE], "apl": [2.4, None]})


def test_names_are_escaped_in_features():
    fc = json.loads(feature_collection(ROWS, "apl"))
    props = fc["features"][0]["properties"]
    assert props["nom"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert props["valeur"] == "2,40"
    assert fc["features"][1]["properties"]["valeur"] == "pas de valeur publiée"


def test_colours_follow_thresholds():
    assert apl_colour(2.49) != apl_colour(2.5)
    assert apl_colour(3.99) != apl_colour(4.0)
    assert apl_colour(None) == NO_VALUE_COLOUR


def test_map_html_loads_no_cdn():
    m = choropleth_map(ROWS, "apl", "APL 2023")
    page = m.get_root().render()
    assert LEAFLET_JS in page and LEAFLET_CSS in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert "<img src=x" not in page
    # the legend's HTML is embedded as a JSON string
    for label in ("1,5 à 2,5 — sous-dense", "3 à 4 — fragile"):
        assert json.dumps(label)[1:-1] in page


def test_static_assets_are_copied_not_linked(tmp_path):
    folder = ensure_static_assets(tmp_path)
    js = folder / "leaflet.js"
    assert js.is_file() and not js.is_symlink()
    assert b"Leaflet 1.9.3" in js.read_bytes()[:400]
