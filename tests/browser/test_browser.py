"""Real pages in headless Chromium (system chromium driven by playwright): the map draws its
polygons with no request leaving the machine, and follows the department chosen."""
import re
import time

import pytest

from tests.browser_support import map_path_count


def legend_text(page, wanted: str, timeout: float = 30) -> str:
    """The text of the map legend once it holds `wanted` ('' after `timeout`): the map's frame
    is replaced when Streamlit redraws it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in page.frames:
            try:
                text = frame.locator(".santecarte-legend").inner_text(timeout=500)
            except Exception:  # no legend in this frame, or the frame went away
                continue
            if wanted in text:
                return text
        time.sleep(0.2)
    return ""


def drawn_communes(con, departement):
    return con.execute("SELECT count(*) FROM communes WHERE apl_unit AND geom_display IS NOT NULL "
                       "AND departement_code = ?", [departement]).fetchone()[0]


def test_map_draws_offline_and_follows_department(server, page, con, artifacts):
    page.goto(f"{server}/carte_apl")
    vendee = drawn_communes(con, "85")
    assert vendee == 253
    assert map_path_count(page, expected=vendee) == vendee
    legend = next(f for f in page.frames if f.locator(".santecarte-legend").count())
    legend_lines = legend.locator(".santecarte-legend").inner_text().splitlines()
    # every class under 2.5 is « sous-dense », every class from 2.5 to 4 « fragile »
    assert [line.split(" — ")[1] for line in legend_lines if line.startswith(("moins de 1,5", "1,5 à 2,5"))] == [
        "sous-dense, accès très faible", "sous-dense"]
    assert sum("fragile" in line for line in legend_lines) == 2
    frame = legend
    frame.locator("path.leaflet-interactive").nth(100).hover()
    tooltip = frame.locator(".leaflet-tooltip").inner_text()
    assert "Code INSEE" in tooltip and "85" in tooltip and "APL 2023" in tooltip
    page.screenshot(path=str(artifacts / "carte_apl_vendee.png"), full_page=True)
    frame.locator("path.leaflet-interactive").nth(100).click()
    page.get_by_text("Indice de besoin").first.wait_for(timeout=60000)  # the clicked commune's details

    page.get_by_test_id("stSelectbox").filter(has_text="Département").first.click()
    page.keyboard.type("Loire-Atlantique")
    page.keyboard.press("Enter")
    loire_atlantique = drawn_communes(con, "44")
    assert map_path_count(page, expected=loire_atlantique) == loire_atlantique
    assert "departement=44" in page.url  # the address bar is a link to what is shown
    page.screenshot(path=str(artifacts / "carte_apl_loire_atlantique.png"), full_page=True)
    assert page.outside == []


def test_whole_france_map_by_department(server, page, artifacts):
    page.goto(f"{server}/carte_apl?region=FR")
    assert map_path_count(page, expected=101) == 101  # every department, Mayotte in grey
    page.wait_for_timeout(2000)  # Leaflet's zoom to the bounds is animated: the picture once it is over
    page.screenshot(path=str(artifacts / "carte_france.png"), full_page=True)
    assert page.outside == []


def test_cpts_map_draws_every_commune_of_paca(server, page, con, artifacts):
    page.goto(f"{server}/cpts")
    communes = con.execute("SELECT count(*) FROM communes WHERE apl_unit AND region_code = '93' "
                           "AND geom_display IS NOT NULL").fetchone()[0]
    cpts = con.execute("SELECT count(*) FROM cpts WHERE region_code = '93'").fetchone()[0]
    assert map_path_count(page, expected=communes + cpts) == communes + cpts
    page.screenshot(path=str(artifacts / "cpts_paca.png"), full_page=True)
    assert page.outside == []


def test_html_in_an_uploaded_file_renders_as_text(server, page, artifacts):
    page.goto(f"{server}/cpts")
    page.get_by_text("Diagnostic d'un territoire").click()
    evil = "<img src=x onerror=alert(1)>"
    page.locator("input[type=file]").set_input_files(files=[{
        "name": f"{evil}.csv", "mimeType": "text/csv", "buffer": f"code\n85018\n{evil}\n85047\n".encode()}])
    page.get_by_text("code(s) inconnu(s)").first.wait_for(timeout=60000)
    page.get_by_text(f"Périmètre du fichier « {evil}.csv »").wait_for(timeout=60000)
    page.wait_for_timeout(1000)
    assert page.alerts == []
    assert page.locator("img[src=x]").count() == 0
    assert evil in page.inner_text("body")
    page.screenshot(path=str(artifacts / "cpts_upload_html.png"), full_page=True)
    assert page.outside == []


@pytest.mark.parametrize("path, text", [("", "Millésimes des données"), ("sources", "À propos des données")])
def test_other_pages_load(server, page, artifacts, path, text):
    page.goto(f"{server}/{path}")
    page.get_by_text(text).first.wait_for(timeout=60000)
    assert page.get_by_text(re.compile("Traceback|Error")).count() == 0
    page.screenshot(path=str(artifacts / f"page_{path or 'accueil'}.png"), full_page=True)
    assert page.outside == []


def test_html_in_names_renders_as_text_in_map_tooltips(browser, tmp_path, artifacts):
    """A commune or CPTS name made of HTML, in both map layers, hovered in a real browser."""
    import functools
    import http.server
    import json
    import threading

    import pandas as pd

    from santecarte.views.maps.assets import ensure_static_assets
    from santecarte.views.maps.choropleth import choropleth_map
    from santecarte.views.maps.cpts import cpts_map

    evil = "<img src=x onerror=alert(1)>"
    square = json.dumps({"type": "Polygon", "coordinates": [[[0, 45], [0, 46], [1, 46], [1, 45], [0, 45]]]})
    rows = pd.DataFrame({"code": ["99001"], "nom": [evil], "geometry": [square], "apl": [2.0]})
    ensure_static_assets(tmp_path / "app" / "static")
    choropleth_map(rows, "apl", "APL 2023").save(str(tmp_path / "choro.html"))
    cpts_map(rows.assign(couverte=False), pd.DataFrame({
        "code": ["K1"], "nom": [evil], "n_communes": [1], "partage": [False], "perimetre": ["complet"],
        "geometry": [square]})).save(str(tmp_path / "cpts.html"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for name in ("choro", "cpts"):
            page = browser.new_page()
            alerts = []
            page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{name}.html")
            page.locator("path.leaflet-interactive").last.hover()
            tooltip = page.locator(".leaflet-tooltip")
            tooltip.wait_for(timeout=10000)
            assert evil in tooltip.inner_text()
            assert page.locator("img[src=x]").count() == 0 and alerts == []
            page.screenshot(path=str(artifacts / f"tooltip_html_{name}.png"))
            page.close()
    finally:
        httpd.shutdown()


def test_installer_profile_search_aids_zonage_and_msp_clusters(server, page, con, artifacts):
    page.goto(f"{server}/installer")
    page.get_by_text("Étudiant·e ou interne").click()
    box = page.get_by_role("textbox", name="Commune", exact=True)
    box.fill("beauvoir sur mer")
    box.press("Enter")
    page.get_by_text("Contrat d'engagement de service public (CESP)").wait_for(timeout=60000)
    page.get_by_text("Zonage médecins — indicatif, non réglementaire", exact=True).wait_for(timeout=60000)
    assert page.get_by_text("Aide à la primo-installation").count() == 0  # not a student's aid
    assert "profil=etudiant" in page.url and "code=85018" in page.url
    page.get_by_text("MSP CASSIOPEE").first.wait_for(state="attached", timeout=60000)  # a canvas table cell
    page.screenshot(path=str(artifacts / "installer_beauvoir.png"), full_page=True)

    page.get_by_role("radio", name="Carte du zonage").click()
    # every commune, plus the MSP markers left out of a cluster at this zoom
    assert map_path_count(page) >= drawn_communes(con, "85")
    frame = next(f for f in page.frames if f.locator(".santecarte-legend").count())
    assert "indicatif, non réglementaire" in frame.locator(".santecarte-legend").inner_text()
    frame.locator(".marker-cluster").first.wait_for(timeout=30000)  # Leaflet.markercluster ran, offline
    page.screenshot(path=str(artifacts / "installer_carte_zonage.png"), full_page=True)
    assert page.outside == []


def test_malformed_zonage_import_is_refused_in_the_page(server, page, artifacts):
    page.goto(f"{server}/installer")
    page.get_by_role("radio", name="Zonage officiel (ARS)").click()
    evil = "<img src=x onerror=alert(1)>"
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "zonage.csv", "mimeType": "text/csv", "buffer": f"code;zonage\n85018;ZIP\n{evil};ZAC\n85047;Z?\n".encode()}])
    page.get_by_role("button", name="Importer ce zonage").click()
    page.get_by_text("Import refusé, le zonage en place est conservé").wait_for(timeout=60000)
    body = page.inner_text("body")
    assert "1 code(s) inconnu(s) ou mal formé(s) — ligne 3" in body and "« Z? »" in body
    assert page.alerts == [] and page.locator("img[src=x]").count() == 0
    page.screenshot(path=str(artifacts / "installer_import_refuse.png"), full_page=True)
    assert page.outside == []


def test_profile_by_link_downloads_its_pdf(server, page, artifacts):
    from tests.integration.test_profile import pdf_text

    page.goto(f"{server}/profil?code=85018")
    page.get_by_role("heading", name="Beauvoir-sur-Mer (85018)").wait_for(timeout=60000)
    page.get_by_text("77 % des communes du département").wait_for(timeout=60000)
    assert map_path_count(page) >= 16  # the commune and its neighbours within 20 minutes
    page.screenshot(path=str(artifacts / "profil_beauvoir.png"), full_page=True)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="Télécharger le profil (PDF)").click()
    path = artifacts / "profil_85018.pdf"
    download.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "Beauvoir-sur-Mer (85018)" in text and "3,13" in text
    # its zonage is indicative: how often that rule matched the official zonage, on the page and in the PDF
    reliability = "il donne la même réponse (ZIP ou non) pour 68 % des communes"
    assert reliability in page.inner_text("body") and reliability in " ".join(text.split())
    assert page.outside == []


def test_simulation_preset_link_draws_and_saves(server, page, artifacts):
    import json

    from santecarte.domain.presets import PRESETS

    scenario = PRESETS["Permanence ESCoRTer"][0]
    page.goto(f"{server}/simulation?scenario={scenario.to_url()}")
    page.get_by_text("Ce que l'APL publiée a fait dans ces communes").wait_for(timeout=60000)
    assert map_path_count(page, expected=16) == 16  # the 16 communes of the partial CPTS perimeter
    page.get_by_role("radio", name="Variation").click()
    assert legend_text(page, "Variation de l'APL")  # the map redrawn with the change
    page.screenshot(path=str(artifacts / "simulation_escorter.png"), full_page=True)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="Télécharger le scénario (.json)").click()
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert saved["territory"] == "cpts:SEED-01" and len(saved["steps"]) == 3
    assert page.outside == []


def test_ars_officer_ranks_and_exports_a_department(server, page, artifacts):
    page.goto(f"{server}/carte_apl?region=52&departement=85&indicateur=APL+2023")
    assert map_path_count(page, expected=253) == 253
    page.get_by_text("Classement des communes").wait_for(timeout=60000)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="Télécharger le tableau (CSV)").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    lines = text.splitlines()
    assert lines[0].startswith("code_insee;commune;departement") and len(lines) == 1 + 253
    assert any(line.startswith("85018;Beauvoir-sur-Mer;85") for line in lines)
    page.screenshot(path=str(artifacts / "ars_classement_vendee.png"), full_page=True)
    assert page.outside == []


def test_elected_official_prints_the_profile_page(server, page, artifacts):
    page.goto(f"{server}/profil?code=85018")
    page.get_by_text("Temps de trajet").wait_for(timeout=60000)  # the last section
    page.locator("[data-testid=stSkeleton]").first.wait_for(state="detached", timeout=30000)
    assert map_path_count(page) >= 16
    page.emulate_media(media="print")
    printed = page.pdf(format="A4")  # what « Imprimer » in the browser gives
    (artifacts / "profil_85018_imprime.pdf").write_bytes(printed)
    assert printed[:5] == b"%PDF-" and len(printed) > 20_000
    assert page.outside == []


def test_markdown_in_typed_text_stays_text(server, page, artifacts):
    """An image or a link typed in a search box or a link parameter is shown as text: no request
    leaves the machine, nothing is rendered."""
    image = "![x](http://203.0.113.7/pixel.png)"
    page.goto(f"{server}/profil?code={image}")
    page.get_by_text("Commune inconnue dans le lien").wait_for(timeout=60000)
    box = page.get_by_role("textbox", name="Commune (nom, code postal ou code INSEE)")
    box.fill(image)
    box.press("Enter")
    page.get_by_text(f"Aucune commune ne correspond à « {image} »").wait_for(timeout=60000)
    page.wait_for_timeout(1000)
    assert page.locator("img[src*='203.0.113.7']").count() == 0 and page.outside == []
    page.screenshot(path=str(artifacts / "markdown_reste_texte.png"), full_page=True)
