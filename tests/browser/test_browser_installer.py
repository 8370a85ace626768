"""« S'installer » says how sure a zonage is: beside an indicative zonage, how often the rule
matched the official zonage where the app knows it (PACA), and the aids worded as conditional;
nothing of the kind under an official zonage; and plainly what exists in Mayotte."""
from tests.browser_support import map_frame, no_error_on_page, settled


def test_indicative_zonage_says_how_often_it_matched_and_aids_are_conditional(server, page, artifacts):
    page.goto(f"{server}/installer?profil=etudiant&code=85018")
    page.get_by_text("Contrat d'engagement de service public (CESP)").first.wait_for(timeout=60000)
    settled(page)
    body = page.inner_text("body")
    # 961 PACA communes: the rule gives the official answer (ZIP or not) for 68 % of them
    assert "Fiabilité du zonage indicatif" in body and "(961 communes : PACA, données ouvertes)" in body
    assert "pour 68 % des communes" in body and "61 % des communes qu'il classe en ZIP" in body
    assert "retrouve 64 % des ZIP officielles" in body
    assert "si l'ARS classe la commune en ZAC" in body  # Beauvoir: APL ≤ 65 of 2,72 → ZAC, indicative
    no_error_on_page(page)
    page.screenshot(path=str(artifacts / "installer_fiabilite_indicatif.png"), full_page=True)

    page.get_by_role("radio", name="Carte du zonage").click()
    map_frame(page)
    page.get_by_text("Fiabilité du zonage indicatif").first.wait_for(timeout=60000)
    assert page.outside == []


def test_official_zonage_is_not_worded_as_conditional(server, page):
    page.goto(f"{server}/installer?profil=installation&code=04070")  # Digne-les-Bains, PACA: official ZIP
    page.get_by_text("Zonage médecins — officiel", exact=True).wait_for(timeout=60000)
    settled(page)
    body = page.inner_text("body")
    assert "Fiabilité du zonage indicatif" not in body and "si l'ARS classe" not in body
    no_error_on_page(page)


def test_mayotte_says_plainly_what_exists(server, page, artifacts):
    page.goto(f"{server}/installer?profil=installation&code=97601")
    page.get_by_text("Ni zonage officiel ni zonage indicatif").wait_for(timeout=60000)
    settled(page)
    body = page.inner_text("body")
    assert "elle n'en publie pas pour Mayotte" in body and "non connu" in body
    assert "aucun" not in body.split("Aides nationales")[0].split("Zonage médecins")[1][:40]
    assert "zonage indicatif impossible" not in body
    no_error_on_page(page)
    page.screenshot(path=str(artifacts / "installer_mayotte.png"), full_page=True)
