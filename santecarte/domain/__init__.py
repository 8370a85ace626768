"""DuckDB → data frames: indicators, communes and territories, profiles, zonage and aids,
CPTS, search, uploads and user data, scenarios, travel times as the app uses them. No
Streamlit, no chart. Uses pipeline, accessibility and core."""
