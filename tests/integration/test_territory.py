"""The commune table of « Territoires sous-dotés »: derived indicators and exports, on real data."""
import io
import json
import re

import pandas as pd
import pytest

from santecarte.core import db
from santecarte.domain.communes import commune_table, export_csv, export_geojson, filter_table


@pytest.fixture(scope="module")
def vendee(con):
    return commune_table(db.query(con, "territory_communes", level="departement", code="85"))


def test_derived_indicators(vendee, con):
    row = vendee.set_index("code").loc["85018"]
    apl = dict(con.execute("SELECT year, apl FROM apl_generalistes WHERE code = '85018'").fetchall())
    assert row["evolution"] == pytest.approx(apl[2023] - apl[2022])
    assert 0.5 < row["besoin"] < 2
    assert pd.isna(row["sites_10k"])  # no GP sites loaded outside Île-de-France: no made-up zero
    assert "CPTS Loire Vendée Océan" in row["cpts"]


def test_sites_per_10000_in_ile_de_france(con):
    paris = commune_table(db.query(con, "territory_communes", level="departement", code="75")).set_index("code")
    n = con.execute("SELECT count(*) FROM gp_sites WHERE commune_code = '75115'").fetchone()[0]
    assert paris.loc["75115", "sites_10k"] == pytest.approx(n / paris.loc["75115", "population"] * 10000)


def test_filters(vendee):
    assert len(filter_table(vendee, cpts="CPTS Loire Vendée Océan")) == 16
    epci = vendee.set_index("code").loc["85018", "epci_nom"]
    assert set(filter_table(vendee, epci=epci)["code"]) >= {"85018", "85047"}  # with Challans


def test_exports(vendee):
    csv_bytes = export_csv(vendee)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv_bytes), sep=";", decimal=",", dtype={"code_insee": str}, encoding="utf-8-sig")
    assert len(back) == len(vendee) and back.loc[back["code_insee"] == "85018", "commune"].item() == "Beauvoir-sur-Mer"
    fc = json.loads(export_geojson(vendee))
    assert len(fc["features"]) == len(vendee)
    props = next(f["properties"] for f in fc["features"] if f["properties"]["code_insee"] == "85018")
    assert props["lieux_pour_10000_hab"] is None and props["apl_2023"] > 0


def test_exports_carry_the_figures_of_the_page(vendee):
    """Rounded once, as format_fr shows them: no float noise (« -0,21599999999999997 »)."""
    text = export_csv(vendee).decode("utf-8-sig")
    header, *rows = text.splitlines()
    beauvoir = dict(zip(header.split(";"), next(r for r in rows if r.startswith("85018;")).split(";")))
    assert (beauvoir["apl_2022"], beauvoir["apl_2023"], beauvoir["evolution_apl"]) == ("3,31", "3,13", "-0,18")
    assert not re.search(r",\d{3,}", text)  # nothing beyond the page's 2 decimals
    props = next(f["properties"] for f in json.loads(export_geojson(vendee))["features"]
                 if f["properties"]["code_insee"] == "85018")
    assert props["evolution_apl"] == -0.18
