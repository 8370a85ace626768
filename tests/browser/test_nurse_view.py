"""« S'installer » in the browser: from the doctors' view to the nurses' (issue #17) on one
commune, its class and the department's map drawn in the five classes with no request outside
localhost; Paris (its arrondissements) and La Réunion render too."""
from tests.browser_support import map_frame, map_path_count, no_error_on_page, settled


def test_switch_to_the_nurses_view(server, page, artifacts):
    page.goto(f"{server}/installer?profil=installation&code=01010")  # Anglefort (Ain)
    page.get_by_text("Zonage médecins", exact=False).first.wait_for(timeout=60000)
    settled(page)
    page.get_by_text("Je suis infirmier·e").click()
    page.get_by_text("Zonage infirmiers : sous-dotée (classe 2 sur 5)").wait_for(timeout=60000)
    frame = map_frame(page)
    assert map_path_count(page) > 300  # the Ain's communes
    legend = frame.locator(".santecarte-legend").inner_text()
    for label in ("très sous-dotée", "sous-dotée", "intermédiaire", "très dotée", "sur-dotée"):
        assert label in legend
    settled(page)
    assert "metier=infirmier" in page.url and "code=01010" in page.url
    body = page.inner_text("body")
    assert "avenant 6" in body and "voir l'ARS et la CPAM" in body and "Moyenne nationale (ETP/100 000 hab.)" in body and "156,07" in body
    no_error_on_page(page)
    assert page.outside == [] and page.alerts == []
    page.set_viewport_size({"width": 1400, "height": 2300})  # Streamlit scrolls inside: show it all
    settled(page)
    page.screenshot(path=str(artifacts / "installer_infirmiers.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})

    page.get_by_text("Je suis médecin ou futur·e médecin").click()
    page.get_by_text("Aides nationales", exact=False).first.wait_for(timeout=60000)
    settled(page)
    assert "metier=" not in page.url
    no_error_on_page(page)


def test_paris_and_la_reunion(server, page):
    page.goto(f"{server}/installer?metier=infirmier&code=75056")
    page.get_by_text("Paris : le zonage infirmiers de ses arrondissements").wait_for(timeout=60000)
    assert map_path_count(page) == 20
    settled(page)
    no_error_on_page(page)
    page.goto(f"{server}/installer?metier=infirmier&code=97411")
    page.get_by_text("Zonage infirmiers : sur-dotée (classe 5 sur 5)").wait_for(timeout=60000)
    map_frame(page)
    settled(page)
    no_error_on_page(page)
    assert page.outside == []
