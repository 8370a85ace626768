"""Choropleths by commune: one GeoJSON layer, an escaped tooltip, a legend control."""
from __future__ import annotations

import html
import json

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from santecarte.indicators import APL_SCALE, NO_VALUE_COLOUR, NO_VALUE_LABEL, Scale, format_fr
from santecarte.maps.assets import offline_map


def feature_collection(rows: pd.DataFrame, value: str, scale: Scale = APL_SCALE) -> dict:
    """GeoJSON of `rows` (columns code, nom, geometry as GeoJSON text, `value`). Names are
    HTML-escaped here because Leaflet tooltips insert them as HTML."""
    features = []
    for code, nom, geom, v in zip(rows["code"], rows["nom"], rows["geometry"], rows[value]):
        v = None if pd.isna(v) else float(v)
        features.append({
            "type": "Feature",
            "geometry": json.loads(geom),
            "properties": {"code": html.escape(code), "nom": html.escape(nom),
                           "valeur": format_fr(v, scale.digits) if v is not None else NO_VALUE_LABEL,
                           "couleur": scale.colour(v)},
        })
    return {"type": "FeatureCollection", "features": features}


class Legend(MacroElement):
    """A Leaflet control in the bottom-right corner listing the classes of a scale."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "santecarte-legend");
                div.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.4 sans-serif;" +
                    "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3)";
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, items: list[tuple[str, str]]):
        super().__init__()
        self._name = "Legend"
        lines = "".join(
            f'<div><span style="display:inline-block;width:14px;height:10px;margin-right:6px;'
            f'background:{colour}"></span>{html.escape(label)}</div>' for colour, label in items)
        self.html = f"<b>{html.escape(title)}</b>{lines}"


METROPOLE_BOUNDS = [[41.3, -5.2], [51.1, 9.6]]
"""Metropolitan France: the whole-country view opens there; the DROM lie at their true place."""


def choropleth_map(rows: pd.DataFrame, value: str, title: str, scale: Scale = APL_SCALE,
                   outline: dict | None = None, bounds: list | None = None) -> folium.Map:
    """Choropleth of `rows`; `outline` is an optional GeoJSON drawn as a thin border (departments)
    so the map stays readable with no basemap; `bounds` overrides the fit to the rows."""
    fc = feature_collection(rows, value, scale)
    m = offline_map(prefer_canvas=False)
    layer = folium.GeoJson(
        fc, name=title,
        style_function=lambda f: {"fillColor": f["properties"]["couleur"], "color": "#555555",
                                  "weight": 0.4, "fillOpacity": 0.85},
        highlight_function=lambda f: {"weight": 2, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["nom", "code", "valeur"], aliases=["Commune", "Code INSEE", title],
                                      sticky=True),
    )
    layer.add_to(m)
    if outline:
        folium.GeoJson(outline, name="Limites", interactive=False,
                       style_function=lambda f: {"fill": False, "color": "#222222", "weight": 1.5}).add_to(m)
    Legend(title, [(c, label) for _, c, label in scale.classes] + [(NO_VALUE_COLOUR, NO_VALUE_LABEL)]).add_to(m)
    if bounds or len(rows):
        m.fit_bounds(bounds or layer.get_bounds())
    return m
