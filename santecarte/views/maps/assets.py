"""Serve Leaflet and its marker-cluster plugin from pinned `xstatic-*` packages instead of a CDN.

folium and streamlit-folium load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; with no
internet (CI, many hospital and ARS networks) one failed load leaves the map blank. Our maps
use Leaflet (GeoJSON, tooltips, a legend control) and, for the MSP layer, Leaflet.markercluster:
those are the assets served, copied (Streamlit refuses symlinks) into `./static/leaflet/` and
`./static/markercluster/`, served under `/app/static/` when `server.enableStaticServing` is on.
"""
from __future__ import annotations

import filecmp
import importlib
import shutil
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template

from santecarte.core import config

STATIC_URL = "/app/static"
LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"
MARKERCLUSTER_JS = f"{STATIC_URL}/markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = [f"{STATIC_URL}/markercluster/MarkerCluster.css",
                     f"{STATIC_URL}/markercluster/MarkerCluster.Default.css"]
_ASSETS = {  # folder under static/ → (xstatic package, files)
    "leaflet": ("leaflet", ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                            "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]),
    "markercluster": ("leaflet_markercluster", ["leaflet.markercluster.js", "MarkerCluster.css",
                                                "MarkerCluster.Default.css"]),
}


def source_dir(package: str) -> Path:
    """The data folder of the pinned `xstatic.pkg.<package>`."""
    module = importlib.import_module(f"xstatic.pkg.{package}")
    return Path(module.BASE_DIR)


def ensure_static_assets(static_dir: Path | None = None) -> Path:
    """Copy the served files into `static/` when missing or different; returns `static/`."""
    root = Path(static_dir or config.STATIC_DIR)
    for folder, (package, files) in _ASSETS.items():
        source = source_dir(package)
        for name in files:
            src, dst = source / name, root / folder / name
            if not dst.is_file() or not filecmp.cmp(src, dst, shallow=False):
                dst.parent.mkdir(parents=True, exist_ok=True)
                tmp = dst.with_name(dst.name + ".tmp")
                shutil.copyfile(src, tmp)
                tmp.replace(dst)
    return root


class MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's also shows miles)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)


class FitFrame(MacroElement):
    """A map never wider than its frame: st_folium's `width` on a phone drew a 680 px map in a
    358 px frame, of which only the left part showed (the commune and the legend off screen).
    Narrowed before the layers fit their bounds, so they fit the width seen. Added before any layer.

    It also gives the map `santecarteFit`: the layers fit their bounds through `to(bounds, options)`,
    and an open legend calls `reserve(position, element)`, before the layers (maps add their legend
    first): where a plain fit would put polygons under the legend, they are fitted beside it
    (Leaflet's fitBounds padding, a quarter zoom level at a time), in one fit, since each redraws
    every polygon. No commune hides under the legend (Paris' eastern arrondissements, the
    south-east of Vendée did)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var box = map.getContainer(), drawn = box.offsetWidth;
            box.style.maxWidth = "100%";  // and on a later resize (a phone turned): Leaflet follows the window's
            if (box.offsetWidth !== drawn) { map.invalidateSize(false); }
            var last = null, reserved = null;  // the bounds to fit; the open legend [position, element]
            var fit = function () {  // one fitBounds: each one redraws every polygon
                var bounds = last[0], options = Object.assign({}, last[1]);
                if (reserved) {
                    // where a plain fit would put the polygons, against where the legend sits (from its
                    // size: leaflet.css may not place the corners yet), a bottom corner 10 px in, above
                    // the attribution or the scale
                    var size = map.getSize(), right = /right$/.test(reserved[0]);
                    var zoom = Math.min(map.getBoundsZoom(bounds), options.maxZoom || Infinity);
                    var origin = map.project(bounds.getCenter(), zoom).subtract(size.divideBy(2));
                    var ne = map.project(bounds.getNorthEast(), zoom).subtract(origin);
                    var sw = map.project(bounds.getSouthWest(), zoom).subtract(origin);
                    var w = reserved[1].offsetWidth + 12, top = size.y - reserved[1].offsetHeight - 30;
                    if ((right ? ne.x > size.x - w : sw.x < w) && sw.y > top) {  // they would reach under it
                        options[right ? "paddingBottomRight" : "paddingTopLeft"] = [w, 0];
                    }
                }
                map.fitBounds(bounds, options);
            };
            map.santecarteFit = {
                to: function (bounds, options) { last = [bounds, options || {}]; fit(); },
                reserve: function (position, legend) { reserved = [position, legend]; if (last) { fit(); } }
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)


def offline_map(**kwargs) -> folium.Map:
    """A folium.Map whose only external assets are our local Leaflet files; no basemap by default."""
    kwargs.setdefault("tiles", None)
    m = folium.Map(**kwargs)
    FitFrame().add_to(m)
    MetricScale().add_to(m)
    m.options["max_zoom"] = 18  # with no tile layer the map has none, and Leaflet.markercluster needs one
    m.options["zoomSnap"] = 0.25  # fits as close as a quarter zoom level, not half the size when a legend is beside
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    return m


def marker_cluster(**kwargs) -> MarkerCluster:
    """folium's MarkerCluster loading Leaflet.markercluster from `static/`, not from cdnjs."""
    cluster = MarkerCluster(**kwargs)
    cluster.default_js = [("markerclusterjs", MARKERCLUSTER_JS)]
    cluster.default_css = [(f"markerclustercss{k}", url) for k, url in enumerate(MARKERCLUSTER_CSS)]
    return cluster
