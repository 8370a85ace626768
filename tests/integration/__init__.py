"""Integration tests (marker `integration`, set by tests/conftest.py): on the real snapshots and
the database built once per session (fixtures `raw`, `data_dir`, `con`), and pages run in
Streamlit's AppTest. Skipped, with one line, when the snapshots are absent."""
