"""Browser tests (marker `browser`, set by tests/conftest.py): through the running app — a real
Streamlit server on a loopback port, driven by headless Chromium (playwright) or by websocket
clients (the 20 simultaneous sessions) — and, with them in this slow tier, the tests that build a
database of their own beside the session's (the build's failures and reruns, the app's first
start) or race a fresh process (six PDFs at once). Skipped, with one line, without Chromium or
snapshots."""
