"""Choropleths by commune: one GeoJSON layer styled in the browser, an escaped tooltip, a
legend control."""
from __future__ import annotations

import html
import json

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from santecarte.core.numbers import format_fr
from santecarte.domain.indicators import APL_SCALE, NO_VALUE_COLOUR, NO_VALUE_LABEL, Scale
from santecarte.views.maps.assets import offline_map


def feature_collection(rows: pd.DataFrame, value: str, scale: Scale = APL_SCALE) -> str:
    """GeoJSON text of `rows` (columns code, nom, geometry as GeoJSON text, `value`), written
    by string assembly: the geometries from DuckDB are never parsed again. Names are
    HTML-escaped here because Leaflet tooltips insert them as HTML."""
    values = [None if pd.isna(v) else float(v) for v in rows[value]]
    return labelled_features(rows, [NO_VALUE_LABEL if v is None else format_fr(v, scale.digits) for v in values],
                             [scale.colour(v) for v in values])


def labelled_features(rows: pd.DataFrame, texts: list[str], colours: list[str]) -> str:
    """GeoJSON text of `rows` (code, nom, geometry) with a tooltip text and a fill colour per
    commune; every text is HTML-escaped."""
    parts = []
    for code, nom, geom, text, colour in zip(rows["code"], rows["nom"], rows["geometry"], texts, colours):
        props = {"code": html.escape(code), "nom": html.escape(nom), "valeur": html.escape(text), "couleur": colour}
        parts.append(f'{{"type":"Feature","geometry":{geom},"properties":{json.dumps(props)}}}')
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


class ChoroplethLayer(MacroElement):
    """The commune polygons as one Leaflet GeoJSON layer styled in the browser from each
    feature's colour: folium's per-feature Python styling cost ~0.4 s for a region."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson({{ this.data }}, {
            style: function (f) {
                return {fillColor: f.properties.couleur, color: "#555555", weight: 0.4, fillOpacity: 0.85};
            },
            onEachFeature: function (f, layer) {
                var p = f.properties;
                layer.bindTooltip("<table><tr><th>" + {{ this.unit|tojson }} + "</th><td>" + p.nom + "</td></tr>"
                    {% if this.code_label %}+ "<tr><th>" + {{ this.code_label|tojson }} + "</th><td>" + p.code + "</td></tr>"{% endif %}
                    + "<tr><th>" + {{ this.title|tojson }} + "</th><td>" + p.valeur
                    + "</td></tr></table>", {sticky: true});
                layer.on("mouseover", function () { this.setStyle({weight: 2, color: "#000000"}); });
                layer.on("mouseout", function () { this.setStyle({weight: 0.4, color: "#555555"}); });
            }
        }).addTo({{ this._parent.get_name() }});
        {% if this.fit %}{{ this._parent.get_name() }}.santecarteFit.to({{ this.get_name() }}.getBounds());{% endif %}
        {% if this.focus %}{{ this.get_name() }}.eachLayer(function (layer) {
            if (layer.feature.properties.code === {{ this.focus|tojson }}) {
                {{ this._parent.get_name() }}.santecarteFit.to(layer.getBounds(), {maxZoom: 11});
                layer.setStyle({weight: 3, color: "#000000"});
                layer.off("mouseout");
                layer.openTooltip(layer.getBounds().getCenter());
            }
        });{% endif %}
        {% endmacro %}
    """)

    def __init__(self, data: str, title: str, fit: bool, focus: str | None = None, unit: str = "Commune",
                 code_label: str | None = "Code INSEE"):
        super().__init__()
        self._name = "ChoroplethLayer"
        self.data, self.title, self.fit, self.focus = data, title, fit, focus
        self.unit, self.code_label = unit, code_label  # tooltip rows: what a polygon is, and its code


class Legend(MacroElement):
    """A Leaflet control listing the classes of a scale (bottom right unless `position` says
    otherwise). Where it would hide too much of the map (a map under 500 px wide, or the legend
    over FOLD_SHARE of its area), it opens folded to one line, « APL 2023 ▸ légende », that a tap
    or a click unfolds (and folds again); open, it keeps its width free of polygons (FitFrame)."""

    FOLD_SHARE = 0.25

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function (map) {
                var div = L.DomUtil.create("div", "santecarte-legend");
                // inline-block: its size measured below is its own even before leaflet.css applies
                div.style.cssText = "display:inline-block;background:#fff;padding:6px 8px;font:12px/1.4 sans-serif;" +
                    "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3)";
                div.innerHTML = {{ this.html|tojson }};
                // On a phone the classes would hide the map: folded to its title, a tap unfolds it.
                var title = div.querySelector("b"), lines = div.querySelectorAll("div");
                var fold = function (folded) {
                    lines.forEach(function (line) { line.style.display = folded ? "none" : ""; });
                    title.textContent = {{ this.title|tojson }} + (folded ? " ▸ légende" : " ▾");
                    title.title = folded ? "Afficher la légende" : "Replier la légende";
                };
                title.style.cursor = "pointer";
                title.setAttribute("role", "button");
                title.onclick = function () { fold(lines[0].style.display !== "none"); };
                legend.fold = fold;
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            var map = {{ this._parent.get_name() }};
            legend.addTo(map);
            var size = map.getSize(), box = legend.getContainer();
            if (size.x < 500 || box.offsetWidth * box.offsetHeight > {{ this.FOLD_SHARE }} * size.x * size.y) {
                legend.fold(true);
            } else if (map.santecarteFit) {  // open: the polygons are fitted beside it, never under it
                map.santecarteFit.reserve({{ this.position|tojson }}, box);
            }
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, items: list[tuple[str, str]], position: str = "bottomright"):
        super().__init__()
        self.position = position
        self._name = "Legend"
        lines = "".join(
            f'<div><span style="display:inline-block;width:14px;height:10px;margin-right:6px;border:1px solid #999;'
            f'background:{colour}"></span>{html.escape(label)}</div>' for colour, label in items)
        self.title = title
        self.html = f"<b>{html.escape(title)}</b>{lines}"


METROPOLE_BOUNDS = [[41.3, -5.2], [51.1, 9.6]]
"""Metropolitan France: the whole-country view opens there; the DROM lie at their true place."""


def choropleth_map(rows: pd.DataFrame, value: str, title: str, scale: Scale = APL_SCALE,
                   outline: dict | None = None, bounds: list | None = None, focus: str | None = None,
                   by_departement: bool = False, tooltip_title: str | None = None) -> folium.Map:
    """Choropleth of `rows`; `outline` is an optional GeoJSON drawn as a thin border (departments)
    so the map stays readable with no basemap; `bounds` overrides the fit to the rows; `focus`:
    the code of a unit to centre on, outlined, its tooltip open (a commune searched by name);
    `by_departement`: the rows are departments (their name already holds their code); `tooltip_title`:
    a shorter name of the value in the tooltip than the legend's `title` (a tooltip is narrow)."""
    m = offline_map(prefer_canvas=False)
    if bounds:
        m.fit_bounds(bounds)
    # the legend first: the layer then fits once, beside it (FitFrame)
    # France by department: bottom left, over the Atlantic, not over Corsica
    Legend(title, [(c, label) for _, c, label in scale.classes] + [(NO_VALUE_COLOUR, NO_VALUE_LABEL)],
           position="bottomleft" if by_departement else "bottomright").add_to(m)
    ChoroplethLayer(feature_collection(rows, value, scale), tooltip_title or title, fit=not bounds and len(rows) > 0, focus=focus,
                    unit="Département" if by_departement else "Commune",
                    code_label=None if by_departement else "Code INSEE").add_to(m)
    if outline:
        folium.GeoJson(outline, name="Limites", interactive=False,
                       style_function=lambda f: {"fill": False, "color": "#222222", "weight": 1.5}).add_to(m)
    return m
