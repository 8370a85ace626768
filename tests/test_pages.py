"""Every page renders without exception (Streamlit AppTest), on the real database."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT

TIMEOUT = 120


def run(path):
    """Open `path` as a user would: the app's entry point, then the page."""
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=TIMEOUT)
    if path != "app.py":
        at.switch_page(path)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_home_page(data_dir):
    at = run("app.py")
    assert at.title[0].value == "SantéCarte"
    assert any("APL" in md.value for md in at.caption)


def test_map_page_defaults_to_vendee_and_shows_figures(data_dir):
    at = run("pages/carte_apl.py")
    region, dep, indicator = at.selectbox
    assert region.value == "52" and dep.value == "85" and indicator.value == "APL 2023"
    table = at.dataframe[0].value
    assert list(table["Territoire"]) == ["Sélection", "Région Pays de la Loire", "France"]
    assert table.loc[2, "APL moyenne (pondérée)"] == "3,74"


def test_map_page_changes_with_department(data_dir):
    at = run("pages/carte_apl.py")
    vendee = at.dataframe[0].value.loc[0, "Communes sous 2,5"]
    at.selectbox[1].set_value("44").run()
    assert not at.exception
    assert at.dataframe[0].value.loc[0, "Communes sous 2,5"] != vendee


def test_map_page_says_mayotte_has_no_apl(data_dir):
    at = run("pages/carte_apl.py")
    regions = at.selectbox[0].options
    assert "Mayotte" not in regions  # no region without any published APL is offered


def test_sources_page_lists_every_dataset_with_licence(data_dir):
    at = run("pages/sources.py")
    text = "\n".join(md.value for md in at.markdown)
    for word in ("DREES", "Licence Ouverte", "FINESS", "ARS Provence-Alpes-Côte d'Azur", "Etalab"):
        assert word in text
