"""The app's first start, as after a fresh clone: it builds the database itself, in the page,
and says nothing of the server's folders (AppTest). With the browser tests because it builds a
whole database of its own beside the session's; the other pages are in tests/integration/test_pages.py."""
from tests.integration.test_pages import run


def test_first_start_builds_the_database_in_the_app(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SANTECARTE_DATA_DIR", str(tmp_path))
    at = run("app.py")
    assert (tmp_path / "santecarte.duckdb").is_file()
    assert at.title[0].value == "SantéCarte"
    # the « Première ouverture » notice and the bar are gone once built; no server path in the page
    texts = [e.value for e in [*at.info, *at.markdown, *at.caption, *at.warning]]
    assert not any("Première ouverture" in t for t in texts)
    assert not any(str(tmp_path) in t or "/work/" in t or "data/raw" in t for t in texts)
