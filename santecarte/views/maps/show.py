"""Every page's map goes to the browser through `show_map`: streamlit-folium with `render=False`.

By default `st_folium` renders the whole figure once and then the map again; the first pass only
fills what the second fills too (the component's script, header and asset links are the same,
tests/unit/test_maps.py), so skipping it saves one serialisation of every GeoJSON layer on each
run: 0.09 s for the PACA CPTS map."""
from __future__ import annotations

import folium
from streamlit_folium import st_folium


def show_map(fmap: folium.Map, **kwargs):
    """`st_folium(fmap, **kwargs)` without its redundant first rendering pass."""
    return st_folium(fmap, render=False, **kwargs)
