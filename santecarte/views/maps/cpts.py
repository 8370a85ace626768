"""The CPTS coverage map: perimeters in distinct colours over the region's communes, the
communes no CPTS covers (« zones blanches ») in grey."""
from __future__ import annotations

import html
import json

import folium
import pandas as pd
import shapely

from santecarte.views.maps.assets import offline_map
from santecarte.views.maps.choropleth import Legend

PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
           "#b2df8a", "#fb9a99", "#cab2d6", "#fdbf6f"]
UNCOVERED = "#9e9e9e"


def _features(rows: pd.DataFrame, props) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": json.loads(r.geometry), "properties": props(r)} for r in rows.itertuples()]}


def cpts_map(communes: pd.DataFrame, perimeters: pd.DataFrame) -> folium.Map:
    """`communes`: code, nom, geometry, couverte; `perimeters`: code, nom, n_communes, partage,
    perimetre, geometry. Names are escaped: Leaflet tooltips render HTML."""
    m = offline_map()
    base = folium.GeoJson(
        _features(communes, lambda r: {"nom": html.escape(r.nom), "code": html.escape(r.code),
                                       "statut": "couverte par une CPTS" if r.couverte else "zone blanche (aucune CPTS)"}),
        name="Communes",
        style_function=lambda f: {"fillColor": "#ffffff" if f["properties"]["statut"].startswith("couverte") else UNCOVERED,
                                  "fillOpacity": 0.6, "color": "#bbbbbb", "weight": 0.3},
        tooltip=folium.GeoJsonTooltip(fields=["nom", "code", "statut"], aliases=["Commune", "Code INSEE", "Statut"]))
    base.add_to(m)
    colours = {code: PALETTE[k % len(PALETTE)] for k, code in enumerate(perimeters["code"])}
    folium.GeoJson(
        _features(perimeters, lambda r: {
            "cpts_id": html.escape(r.code), "nom": html.escape(r.nom), "couleur": colours[r.code],
            "communes": int(r.n_communes),
            "note": ("partage une commune avec une autre CPTS" if r.partage else "")
                    + (" ; périmètre partiel" if r.perimetre == "partiel" else "")}),
        name="CPTS",
        style_function=lambda f: {"fillColor": f["properties"]["couleur"], "fillOpacity": 0.45,
                                  "color": "#333333", "weight": 1.2},
        highlight_function=lambda f: {"weight": 3},
        tooltip=folium.GeoJsonTooltip(fields=["nom", "communes", "note"], aliases=["CPTS", "Communes", ""]),
    ).add_to(m)
    Legend("Couverture CPTS", [(PALETTE[0], "une couleur par CPTS"), ("#ffffff", "commune couverte"),
                               (UNCOVERED, "zone blanche (aucune CPTS)")]).add_to(m)
    if len(communes):
        # shapely's bounds of the GeoJSON strings: folium's get_bounds walks every coordinate in
        # Python (0.06 s for PACA, half the map's build; streamlit-folium still walks them once more)
        west, south, east, north = shapely.total_bounds(shapely.from_geojson(communes["geometry"].to_numpy()))
        m.fit_bounds([[south, west], [north, east]])
    return m
