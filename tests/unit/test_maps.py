"""Map building: escaped names, offline assets only, APL colour classes."""
import json

import pandas as pd

from santecarte.domain.indicators import NO_VALUE_COLOUR, apl_colour
from santecarte.views.maps.assets import LEAFLET_CSS, LEAFLET_JS, ensure_static_assets
from santecarte.views.maps.choropleth import choropleth_map, feature_collection

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
    js = folder / "leaflet" / "leaflet.js"
    assert js.is_file() and not js.is_symlink()
    assert b"Leaflet 1.9.3" in js.read_bytes()[:400]
    cluster = folder / "markercluster" / "leaflet.markercluster.js"
    assert cluster.is_file() and not cluster.is_symlink()
    assert b"markerClusterGroup" in cluster.read_bytes()


def test_zonage_map_colours_legend_and_local_marker_cluster():
    from santecarte.domain.zonage import CATEGORIES, INDICATIVE, OFFICIAL
    from santecarte.views.maps.assets import MARKERCLUSTER_JS
    from santecarte.views.maps.zonage import zonage_map

    rows = ROWS.assign(zonage=["ZIP", None], zonage_statut=[INDICATIVE, INDICATIVE])
    msp = pd.DataFrame({"nom": ["<script>alert(1)</script>"], "categorie": ["Maison de santé"], "commune": ["X"],
                        "lon": [0.5], "lat": [0.5], "date_ouverture": [pd.Timestamp("2019-03-01")]})
    page = zonage_map(rows, msp, chosen="99001").get_root().render()
    assert MARKERCLUSTER_JS in page and "https://" not in page
    assert "<script>alert(1)</script>" not in page and "ouvert le 01/03/2019" in page
    assert CATEGORIES["ZIP"][1] in page  # ZIP orange
    assert json.dumps("Zonage médecins — indicatif, non réglementaire")[1:-1] in page  # legend, JSON-embedded
    official = zonage_map(rows.assign(zonage_statut=OFFICIAL), msp.iloc[:0]).get_root().render()
    assert json.dumps("Zonage médecins — officiel")[1:-1] in official and "indicatif" not in official


def _component_args(fmap, through_show_map: bool) -> dict:
    """What the browser component is handed for `fmap` (element ids normalised): through our
    `show_map`, or through streamlit-folium's default (`render=True`)."""
    import re
    from unittest import mock

    import streamlit_folium

    from santecarte.views.maps.show import show_map

    sent = {}
    with mock.patch.object(streamlit_folium, "_component_func", side_effect=lambda **kw: sent.update(kw)):
        if through_show_map:
            show_map(fmap, height=400, returned_objects=[], key="carte")
        else:
            streamlit_folium.st_folium(fmap, height=400, returned_objects=[], render=True, key="carte")
    sent.pop("on_change")  # a new callback object at each call
    return {k: re.sub(r"_[0-9a-f]{32}", "_ID", str(v)) for k, v in sent.items()}


def test_show_map_skips_a_pass_that_changes_nothing():
    """show_map skips streamlit-folium's first rendering pass: each of our map builders must send the
    browser exactly what the default (the whole figure rendered, then the map) sends."""
    import folium
    import pandas as pd

    from santecarte.domain.zonage import INDICATIVE
    from santecarte.views.maps.cpts import cpts_map
    from santecarte.views.maps.nurse_zonage import nurse_zonage_map
    from santecarte.views.maps.zonage import zonage_map

    msp = pd.DataFrame({"nom": ["MSP"], "categorie": ["Maison de santé"], "commune": ["X"], "lon": [0.5],
                        "lat": [0.5], "date_ouverture": [pd.Timestamp("2019-03-01")]})
    perimeters = pd.DataFrame({"code": ["c1"], "nom": ["CPTS <b>"], "n_communes": [2], "partage": [False],
                               "perimetre": ["complet"], "geometry": [SQUARE]})
    def with_print_style():  # as the profile page adds to its map
        fmap = choropleth_map(ROWS, "apl", "APL 2023", focus="99001", outline=json.loads(ROWS.loc[0, "geometry"]))
        fmap.get_root().header.add_child(folium.Element("<style>@media print {.leaflet-control-zoom {}}</style>"))
        return fmap

    builders = [
        with_print_style,
        lambda: zonage_map(ROWS.assign(zonage=["ZIP", None], zonage_statut=[INDICATIVE] * 2), msp, chosen="99001"),
        lambda: nurse_zonage_map(ROWS.assign(classe=[1, None]), chosen=["99001"]),
        lambda: cpts_map(ROWS.assign(couverte=[True, False]), perimeters),
    ]
    for build in builders:
        full, skipped = _component_args(build(), False), _component_args(build(), True)
        assert full == skipped
        assert "99001" in skipped["script"] and "/app/static/leaflet/leaflet.js" in skipped["js_links"]
    assert "@media print" in _component_args(with_print_style(), True)["header"]  # the page's own style is sent


def test_show_map_skips_the_first_pass():
    from unittest import mock

    from santecarte.views.maps.show import show_map

    fmap = choropleth_map(ROWS, "apl", "APL 2023")
    with mock.patch("santecarte.views.maps.show.st_folium") as st_folium:
        show_map(fmap, height=300, key="carte")
    assert st_folium.call_args.args == (fmap,)
    assert st_folium.call_args.kwargs == {"render": False, "height": 300, "key": "carte"}
