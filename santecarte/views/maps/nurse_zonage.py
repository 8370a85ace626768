"""The nurses' view of « S'installer »: the department's communes in the five classes of the
nurses' conventional zonage, the chosen commune outlined; built from the shared choropleth
helpers (escaped tooltips, a legend control, Leaflet served locally)."""
from __future__ import annotations

import folium
import pandas as pd

from santecarte.domain.nurse_zonage import CLASSES, class_text, classe_of
from santecarte.views.maps.assets import offline_map
from santecarte.views.maps.choropleth import ChoroplethLayer, Legend, labelled_features

NO_CLASS_COLOUR = "#bdbdbd"
CHOSEN_COLOUR = "#000000"
TITLE = "Zonage infirmiers"


def nurse_zonage_map(rows: pd.DataFrame, chosen: list[str] | None = None) -> folium.Map:
    """`rows`: `nurse_zonage.departement_classes` (code, nom, classe, geometry); `chosen`: the
    codes outlined (a commune, or a PLM city's arrondissements). The legend names the five classes."""
    m = offline_map(prefer_canvas=False)
    classes = [classe_of(c) for c in rows["classe"]]
    texts = [class_text(c) for c in classes]
    colours = [CLASSES[c][1] if c in CLASSES else NO_CLASS_COLOUR for c in classes]
    # the legend first: the layer then fits once, beside it (FitFrame)
    items = [(colour, f"{k} — {label}") for k, (label, colour) in CLASSES.items()]
    if any(c is None for c in classes):
        items.append((NO_CLASS_COLOUR, "pas de classe publiée"))
    Legend(TITLE, items).add_to(m)
    ChoroplethLayer(labelled_features(rows, texts, colours), TITLE, fit=len(rows) > 0).add_to(m)
    for code in chosen or []:
        hit = rows.loc[rows["code"] == code, "geometry"]
        if len(hit):
            folium.GeoJson(hit.iloc[0], name="Commune choisie", interactive=False,
                           style_function=lambda f: {"fill": False, "color": CHOSEN_COLOUR, "weight": 3.5}).add_to(m)
    return m
