"""Serve Leaflet from the pinned `xstatic-leaflet` package instead of a CDN.

folium and streamlit-folium load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; with no
internet (CI, many hospital and ARS networks) one failed load leaves the map blank. Our maps
use Leaflet alone (GeoJSON, tooltips, a legend control), so that is the one asset served:
copied (Streamlit refuses symlinks) into `./static/leaflet/`, served under `/app/static/`
when `server.enableStaticServing` is on.
"""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import folium

from santecarte import config

STATIC_URL = "/app/static"
LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"
_FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
          "images/marker-icon-2x.png", "images/marker-shadow.png"]


def leaflet_source_dir() -> Path:
    import xstatic.pkg.leaflet as xl

    return Path(xl.BASE_DIR)


def ensure_static_assets(static_dir: Path | None = None) -> Path:
    """Copy the Leaflet files into `static/leaflet/` when missing or different; returns the folder."""
    target = Path(static_dir or config.STATIC_DIR) / "leaflet"
    source = leaflet_source_dir()
    for name in _FILES:
        src, dst = source / name, target / name
        if not dst.is_file() or not filecmp.cmp(src, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_name(dst.name + ".tmp")
            shutil.copyfile(src, tmp)
            tmp.replace(dst)
    return target


def offline_map(**kwargs) -> folium.Map:
    """A folium.Map whose only external assets are our local Leaflet files; no basemap by default."""
    kwargs.setdefault("tiles", None)
    kwargs.setdefault("control_scale", True)
    m = folium.Map(**kwargs)
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    return m
