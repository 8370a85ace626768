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


def clicked(fmap: folium.Map, prop: str, **kwargs):
    """`show_map` returning only the last polygon clicked: its property `prop` (a commune's code, a
    CPTS's id), or None before any click."""
    result = show_map(fmap, returned_objects=["last_active_drawing"], **kwargs)
    return ((result or {}).get("last_active_drawing") or {}).get("properties", {}).get(prop)
