"""Browser tests (marker `browser`, set by tests/conftest.py): through the running app — a real
Streamlit server on a loopback port, driven by headless Chromium (playwright) or by websocket
clients (the 20 simultaneous sessions). Skipped, with one line, without Chromium or snapshots."""
