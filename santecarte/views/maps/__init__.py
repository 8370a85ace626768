"""Folium maps that draw offline: Leaflet served by the app itself, no CDN."""
