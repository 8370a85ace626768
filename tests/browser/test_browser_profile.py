"""« Profil de commune » and the home page as a person sees them in headless Chromium: printed
from the browser on A4 (every neighbour, the France bar, no zoom buttons), and the home page
linking every page with a vintages table that fits 1,400 px."""
import io

import pytest

from santecarte.core.numbers import format_fr
from santecarte.views.ui import MENU
from tests.browser_support import map_path_count


def printed_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_printed_profile_fits_a4_with_every_row(server, page, con, artifacts):
    import pypdfium2 as pdfium

    from santecarte.core import db
    from santecarte.domain.travel import reachable

    # expected rows from the database only: a profile built here would hold data/user.duckdb's lock
    near = reachable(con, "85018")
    near = near[near["code"] != "85018"][["code", "minutes"]].merge(db.query(con, "communes_with_apl", codes=list(near["code"])), on="code")
    last = near.sort_values(["minutes", "nom", "code"]).iloc[-1]
    assert len(near) > 12  # more rows than st.dataframe shows without scrolling
    france = db.query(con, "territory_summary", level="france", code="", year=2023, seuil=2.5,
                      indicateur="apl").iloc[0]["apl_moyen"]
    page.goto(f"{server}/profil?code=85018")
    page.get_by_text("Temps de trajet").first.wait_for(timeout=120000)
    page.locator("[data-testid=stSkeleton]").first.wait_for(state="detached", timeout=30000)
    assert map_path_count(page) >= 16
    page.emulate_media(media="print")
    frame = next(f for f in page.frames if f.locator(".leaflet-control-zoom").count())
    assert frame.locator(".leaflet-control-zoom").is_hidden()  # no zoom buttons on paper
    printed = page.pdf(format="A4")
    (artifacts / "profil_85018_imprime.pdf").write_bytes(printed)
    text = printed_text(printed)
    assert f"{last['nom']} {last['code']}" in text  # the last neighbour: every row printed
    assert format_fr(france, 2) in text and "France" in text  # the France bar and its label
    assert "Population légale (INSEE 2023, en vigueur en 2026)" in text
    pdf = pdfium.PdfDocument(printed)
    assert pdf[0].get_size()[0] == pytest.approx(595, abs=2)  # A4 portrait
    for k in range(len(pdf)):
        pdf[k].render(scale=1).to_pil().save(artifacts / f"profil_85018_imprime_p{k + 1}.png")
    # nothing drawn in the page's right padding (the charts, 1,400 px wide, used to run off the page there)
    for k in range(len(pdf)):
        image = pdf[k].render(scale=1).to_pil().convert("L")
        strip = image.crop((image.width - 5, 0, image.width, image.height))
        assert min(strip.getdata()) > 200, k
    assert page.outside == []


def test_printed_paris_lists_its_arrondissements_by_number(server, page, artifacts):
    page.goto(f"{server}/profil?code=75056")
    page.get_by_text("dans l'ordre de leur numéro").first.wait_for(timeout=120000)
    page.emulate_media(media="print")
    text = printed_text(page.pdf(format="A4"))
    order = [text.rfind(f"Paris {n} Arrondissement 751") for n in ("1er", "2e", "9e", "10e", "20e")]
    assert -1 not in order and order == sorted(order)
    assert "None" not in text and "des communes du département" not in text
    page.screenshot(path=str(artifacts / "profil_paris.png"), full_page=True)


def test_home_page_links_every_page_and_its_table_fits(server, page, con, artifacts):
    page.goto(server)
    page.get_by_text("Millésimes des données").wait_for(timeout=60000)
    page.wait_for_timeout(1500)
    main = page.get_by_test_id("stMain")
    for label in [entry.label for entry in MENU[1:]]:
        assert main.get_by_role("link", name=label).count() >= 1, label  # the sidebar is not enough
    body = main.inner_text()
    titles = [t for (t,) in con.execute("SELECT title FROM sources").fetchall()]
    assert all(t in body for t in titles)  # every row, as text (not a scrolling canvas)
    width = page.evaluate("() => document.querySelector('[data-testid=stMainBlockContainer]').clientWidth")
    widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid=stMainBlockContainer] table, [data-testid=stMainBlockContainer] [data-testid=stDataFrame]')]
        .map(e => e.scrollWidth))""")
    assert 0 < widest <= width  # no horizontal scroll at 1,400 px
    page.screenshot(path=str(artifacts / "page_accueil_1400.png"), full_page=True)
