"""Streamlit glue, plotly charts, French tables, the PDF report and the folium maps: what the
pages draw. Uses every room below; pages/ and app.py use only this room and domain."""
