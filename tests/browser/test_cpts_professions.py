"""The CPTS card in headless Chromium (issue #17): the « Cinq professions de premier recours » table
shows nurses with their own unit (ETP/100 000 hab.), every profession a row, the whole table inside
the card at 1,400 px (no hidden column), no missing-value word, and the page asks nothing of any
host but the app's own."""
from santecarte.core.professions import PROFESSIONS
from tests.browser_support import no_error_on_page, settled


def test_cpts_card_shows_nurses_with_their_unit(server, page, con, artifacts):
    cpts_id, nom = con.execute("SELECT cpts_id, nom FROM cpts WHERE nom = 'CPTS Antipolis'").fetchone()
    page.goto(f"{server}/cpts?region=93&cpts={cpts_id}")
    title = page.get_by_text("Cinq professions de premier recours")
    title.wait_for(timeout=120000)
    settled(page)
    no_error_on_page(page)
    card = page.get_by_test_id("stLayoutWrapper").filter(has=title).last  # the bordered card
    table = card.get_by_test_id("stTable").filter(has=page.locator("td", has_text="Infirmiers"))
    assert table.count() == 1
    table.scroll_into_view_if_needed()
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers == ["Profession", "Année", nom, "Département Alpes-Maritimes", "Région Provence-Alpes-Côte d'Azur",
                       "France"], headers
    rows = [[c.strip() for c in r.locator("td").all_inner_texts()] for r in table.locator("tbody tr").all()]
    assert [r[0] for r in rows] == [p.label for p in PROFESSIONS.values()]
    nurses = rows[1]
    assert nurses[:2] == ["Infirmiers", "2021"] and all(c.endswith(" ETP/100 000 hab.") for c in nurses[2:]), nurses
    for p, row in zip(PROFESSIONS.values(), rows):
        assert all(c.endswith(p.unit_short) for c in row[2:]), row
    # every column shown: the table is no wider than the card
    assert table.evaluate("e => e.scrollWidth <= card(e).clientWidth".replace(
        "card(e)", "e.closest('[data-testid=stLayoutWrapper]')"))
    text = card.inner_text()
    assert "Les unités diffèrent d'une profession à l'autre" in text and "DREES" in text
    assert "None" not in text and "nan" not in text.split()
    page.set_viewport_size({"width": 1400, "height": 2400})  # the whole card in view, for the screenshot
    page.wait_for_timeout(800)
    card.screenshot(path=str(artifacts / "cpts_fiche_cinq_professions.png"))
    assert page.outside == []


def test_diagnostic_of_a_file_names_it_as_typed(server, page, tmp_path):
    """A perimeter uploaded in « Diagnostic d'un territoire » gets the five professions too; its file's
    name heads its column as typed (st.table reads markdown: « *…* » must not turn into italics)."""
    upload = tmp_path / "mon_*perimetre*_v1.csv"
    upload.write_text("code\n85018\n85047\n", encoding="utf-8")
    page.goto(f"{server}/cpts?region=52")
    page.get_by_role("tab", name="Diagnostic d'un territoire").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("Cinq professions de premier recours").last.wait_for(timeout=120000)
    settled(page)
    no_error_on_page(page)
    table = page.get_by_test_id("stTable").last
    assert [h.strip() for h in table.locator("thead th").all_inner_texts()] == [
        "Profession", "Année", "Fichier « mon_*perimetre*_v1.csv »", "Département Vendée", "Région Pays de la Loire",
        "France"]
    assert table.locator("em").count() == 0
    nurses = [c.strip() for c in table.locator("tbody tr").nth(1).locator("td").all_inner_texts()]
    assert nurses[0] == "Infirmiers" and all(c.endswith(" ETP/100 000 hab.") for c in nurses[2:]), nurses
    assert page.outside == []
