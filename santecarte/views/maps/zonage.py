"""The « S'installer » map: the doctors' zonage by commune in the Assurance Maladie colours, and
the MSP / centres de santé of the GP layer as clustered markers."""
from __future__ import annotations

import html

import folium
import pandas as pd

from santecarte.domain.installation import STATUT_TEXT, zonage_text
from santecarte.domain.zonage import CATEGORIES, IMPORTED, INDICATIVE, OFFICIAL, PRIVATE
from santecarte.views.maps.assets import marker_cluster, offline_map
from santecarte.views.maps.choropleth import ChoroplethLayer, Legend, labelled_features

NO_ZONAGE_COLOUR = "#bdbdbd"
MSP_COLOUR = "#6a3d9a"
CHOSEN_COLOUR = "#000000"
# Clusters in the markers' purple: the plugin's default green and orange would read as ZV and ZIP.
CLUSTER_ICON = """function (cluster) {
    return L.divIcon({html: '<div style="background-color:rgba(106,61,154,0.92);color:#fff"><span>'
                            + cluster.getChildCount() + '</span></div>',
                      className: 'marker-cluster', iconSize: L.point(40, 40)});
}"""


def zonage_map(rows: pd.DataFrame, msp: pd.DataFrame, chosen: str | None = None,
               outline: dict | None = None) -> folium.Map:
    """`rows`: departement_table (code, nom, geometry, zonage, zonage_statut); `msp`: nom,
    categorie, commune, lon, lat, date_ouverture. The legend says when any colour is indicative."""
    m = offline_map(prefer_canvas=False)
    texts = [zonage_text(r) for _, r in rows.iterrows()]
    colours = [CATEGORIES[z][1] if isinstance(z, str) else NO_ZONAGE_COLOUR for z in rows["zonage"]]
    # the legend first: the layer then fits once, beside it (FitFrame)
    present = [z for z in CATEGORIES if z in set(rows["zonage"].dropna())]
    items = [(CATEGORIES[z][1], CATEGORIES[z][0]) for z in present]
    if rows["zonage"].isna().any():
        items.append((NO_ZONAGE_COLOUR, "pas d'APL publiée : pas de zonage"))
    items.append((MSP_COLOUR, "MSP ou centre de santé (FINESS 2021)"))
    statuts = set(rows.loc[rows["zonage"].notna(), "zonage_statut"])
    kinds = [STATUT_TEXT.get(s, s) + (" (APL 2023)" if s == INDICATIVE else "")
             for s in (OFFICIAL, IMPORTED, PRIVATE, INDICATIVE) if s in statuts]
    Legend("Zonage médecins — " + (" ; ailleurs ".join(kinds) or "aucun"), items).add_to(m)
    ChoroplethLayer(labelled_features(rows, texts, colours), "Zonage médecins", fit=len(rows) > 0).add_to(m)
    if outline:
        folium.GeoJson(outline, name="Limites", interactive=False,
                       style_function=lambda f: {"fill": False, "color": "#222222", "weight": 1.5}).add_to(m)
    if chosen is not None and chosen in set(rows["code"]):
        geometry = rows.loc[rows["code"] == chosen, "geometry"].iloc[0]
        folium.GeoJson(geometry, name="Commune choisie", interactive=False,
                       style_function=lambda f: {"fill": False, "color": CHOSEN_COLOUR, "weight": 3.5}).add_to(m)
    cluster = marker_cluster(name="MSP et centres de santé", icon_create_function=CLUSTER_ICON)
    for r in msp.dropna(subset=["lon", "lat"]).itertuples():
        opened = r.date_ouverture.strftime("%d/%m/%Y") if pd.notna(r.date_ouverture) else "date inconnue"
        text = f"<b>{html.escape(r.nom)}</b><br>{html.escape(r.categorie)} — {html.escape(r.commune)}<br>ouvert le {opened}"
        folium.CircleMarker([r.lat, r.lon], radius=7, color="#ffffff", weight=1.5, fill=True, fill_color=MSP_COLOUR,
                            fill_opacity=0.95, tooltip=folium.Tooltip(text)).add_to(cluster)  # Popup needs jQuery
    cluster.add_to(m)
    return m
