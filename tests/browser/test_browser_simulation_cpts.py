"""« Simulation » and « Couverture CPTS » in headless Chromium, as a user sees them: every text,
export and message in French (issue #14) — no None, True/False, raw column names, float noise
or English parser message; the uploaders say their formats and limit in French; a CPTS card
can be shared by its address."""
import json
import re

from tests.browser_support import settled

ENGLISH = ("None", "True", "False", "NaN", "nan", "Expecting", "delimiter", "in_territory", "pop_std", "gap_filled",
           "population_lifted", "crossing", "declared_fte", "quantity")


def scenario_link(*steps, territory="departement:85", year=2023):
    from santecarte.domain.scenario_file import Scenario, Step

    return Scenario("Essai", territory, year, [Step(*s) for s in steps]).to_url()


def download(page, button: str) -> str:
    settled(page)  # the run that drew the button is over
    with page.expect_download(timeout=120000) as dl:
        page.get_by_role("button", name=button).click()
    return open(dl.value.path(), encoding="utf-8-sig").read()


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"\b{w}\b", text)]


def test_simulation_exports_are_french(server, page, artifacts):
    """The result and the placement downloaded as an ARS officer would: French headers, decimal
    comma, no float noise (APL 2 decimals, changes 3 as on the page), oui / non."""
    page.goto(f"{server}/simulation?scenario={scenario_link(('85018', 'arrivee', 1), ('85047', 'depart', 1, 3))}")
    page.get_by_text("Ce que l'APL publiée a fait dans ces communes").wait_for(timeout=120000)
    result = download(page, "Télécharger le résultat (CSV)")
    (artifacts / "simulation_resultat.csv").write_text(result, encoding="utf-8")
    lines = result.splitlines()
    assert lines[0] == ("Commune;Code INSEE;APL 2023 avant;APL 2023 après;Variation;Seuil de 2,5;Dans le territoire;"
                        "Population DREES 2023;Population standardisée DREES 2023;Profession;Année de l'APL;"
                        "Unité de l'APL;Source de l'APL")
    assert lines[1].split(";")[-4:-2] == ["Médecins généralistes", "2023"]  # issue #17: every row says what it is
    assert english_words(result) == [], english_words(result)
    rows = [line.split(";") for line in lines[1:]]
    assert len(rows) > 10 and {r[6] for r in rows} <= {"oui", "non (voisine)"}
    assert all(re.fullmatch(r"-?\d+(,\d{1,3})?", r[4]) for r in rows), [r[4] for r in rows][:5]  # no -0,21599999999999997
    assert all(re.fullmatch(r"\d+(,\d{1,2})?", r[2]) for r in rows if r[2])
    page.screenshot(path=str(artifacts / "simulation_resultat_fr.png"), full_page=True)

    page.get_by_role("button", name="Calculer le placement").click()
    page.get_by_role("button", name="Télécharger le placement (CSV)").wait_for(timeout=120000)
    placement = download(page, "Télécharger le placement (CSV)")
    (artifacts / "simulation_placement.csv").write_text(placement, encoding="utf-8")
    head, *picks = placement.splitlines()
    assert head == ("Étape;Commune;Code INSEE;Écart au seuil comblé (hab. × APL);Habitants passés au-dessus de 2,5;"
                    "Cumul des habitants;Profession;Année de l'APL;Unité de l'APL;Source de l'APL")
    assert len(picks) == 3 and english_words(placement) == []
    assert all(re.fullmatch(r"\d+(,\d)?", p.split(";")[3]) for p in picks), picks
    assert page.outside == []


def test_simulation_editor_keeps_a_typed_negative_and_names_the_line(server, page, artifacts):
    """« -5 » typed in the quantity was clamped to 5 without a word; now it is refused by its line.
    The empty « Médecins (ETP) avant un départ » cell of an arrival shows nothing (was « None »)."""
    page.goto(f"{server}/simulation?scenario={scenario_link(('85018', 'arrivee', 1))}")
    page.get_by_text("Ce que l'APL publiée a fait dans ces communes").wait_for(timeout=120000)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    grid.screenshot(path=str(artifacts / "simulation_editeur_vide.png"))  # scrolled to, whatever the layout
    settled(page)
    refused = page.get_by_text("Ligne 1 : quantité négative (-5) refusée")
    for _ in range(5):  # the grid sometimes takes the keys before it has focus: type again
        settled(page)
        box = grid.bounding_box()
        # the first row's « Commune » cell, counted from the grid's bottom (35 px rows: the row, then the
        # « add a row » one), as the toolbar shown over a hovered grid moves its top
        page.mouse.click(box["x"] + 100, box["y"] + box["height"] - 35 - 17)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # « Quantité »
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")  # opens the cell's editor (a « - » typed on a closed cell is lost by the grid)
        page.wait_for_timeout(500)
        page.keyboard.press("Control+A")
        page.keyboard.type("-5")
        page.keyboard.press("Enter")
        try:
            refused.wait_for(timeout=20000)
            break
        except Exception:
            page.screenshot(path=str(artifacts / "simulation_quantite_negative_essai.png"), full_page=True)
            page.keyboard.press("Escape")
    refused.wait_for(timeout=20000)
    assert page.get_by_text("Le calcul ignore les changements tant que ce n'est pas corrigé").count() == 1
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "simulation_quantite_negative.png"), full_page=True)
    assert page.outside == []


def upload(page, name: str, data: bytes, index: int = 0):
    page.locator("input[type=file]").nth(index).set_input_files(files=[
        {"name": name, "mimeType": "application/json", "buffer": data}])


def test_simulation_scenario_upload_says_everything_in_french(server, page, artifacts):
    page.goto(f"{server}/simulation")
    page.get_by_text("Partir d'un cas réel ou d'un scénario enregistré").click()
    page.get_by_text("Formats acceptés : .json ; au plus 1 Mo par fichier").wait_for(timeout=60000)

    upload(page, "autre.json", json.dumps({"nom": "x", "territoire": "departement:85", "etapes": []}).encode())
    page.get_by_text("Fichier reçu : « autre.json »").wait_for(timeout=60000)
    page.get_by_role("button", name="Ouvrir ce scénario").click()
    page.get_by_text("Le fichier n'est pas un scénario SantéCarte : clés manquantes : « version », « name »,"
                     ).wait_for(timeout=60000)

    upload(page, "casse.json", b'{"version": 1, "name": "x",\n "year": 2023 "steps": []}')
    page.get_by_text("Fichier reçu : « casse.json »").wait_for(timeout=60000)
    page.get_by_role("button", name="Ouvrir ce scénario").click()
    page.get_by_text("JSON invalide, ligne 2, colonne 15 : une virgule").wait_for(timeout=60000)
    page.screenshot(path=str(artifacts / "simulation_scenario_json_invalide.png"), full_page=True)

    upload(page, "gros.json", b" " * (2 * 1024**2))
    page.get_by_text("Fichier trop volumineux (2 Mo ; au plus 1 Mo)").wait_for(timeout=60000)
    body = page.inner_text("body")
    assert "Expecting" not in body and "None" not in body
    page.screenshot(path=str(artifacts / "simulation_scenario_trop_gros.png"), full_page=True)
    assert page.outside == []


def test_cpts_card_by_link_with_a_french_chart(server, page, con, artifacts):
    cpts_id, nom = con.execute("SELECT cpts_id, nom FROM cpts WHERE nom = 'CPTS Antipolis'").fetchone()
    page.goto(f"{server}/cpts?region=93&cpts={cpts_id}")
    page.get_by_text("Fiche d'une CPTS").wait_for(timeout=120000)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    chart.locator(".xtick").first.wait_for(timeout=60000)
    xticks = chart.locator(".xtick").all_text_contents()  # SVG text: no inner_text
    # the CPTS's name on the first bars, wrapped on short lines (SVG lines: no space between them)
    assert xticks[0] == nom.replace(" ", "") and "Territoire" not in xticks, xticks
    yticks = [t for t in chart.locator(".ytick").all_text_contents() if t]
    y2ticks = [t for t in chart.locator(".y2tick").all_text_contents() if t]
    assert all(re.fullmatch(r"\d+", t) for t in yticks), yticks  # round APL ticks
    assert y2ticks and all(re.fullmatch(r"\d+ %", t) for t in y2ticks), y2ticks
    legend = chart.locator(".legend").text_content()
    assert "Seuil de 2,5 (APL)" in legend and "Part de la population sous 2,5 (%)" in legend
    bar = chart.locator(".point").first.bounding_box()  # the CPTS's APL bar (the drag layer covers it)
    page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    page.wait_for_timeout(800)
    hover = chart.locator(".hoverlayer").text_content()
    assert re.search(r"APL moyenne 2023 : \d,\d\d", hover), hover
    assert "Part de la population sous 2,5 (%)" in page.inner_text("body")  # the table's header
    chart.screenshot(path=str(artifacts / "cpts_fiche_graphique.png"))
    page.screenshot(path=str(artifacts / "cpts_fiche_par_lien.png"), full_page=True)

    page.get_by_test_id("stSelectbox").nth(1).click()
    page.keyboard.type("CPTS Actes Santé")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"cpts=PACA-01"), timeout=60000)  # the address follows the card
    assert "region=93" in page.url
    assert page.outside == []


def test_cpts_bad_link_and_upload_in_french(server, page, artifacts):
    page.goto(f"{server}/cpts?region=93&cpts=PACA-999")
    page.get_by_text("CPTS inconnue dans le lien : « PACA-999 »").wait_for(timeout=120000)
    page.get_by_text("Diagnostic d'un territoire").click()
    page.get_by_text("Formats acceptés : .csv, .txt, .geojson ou .json ; au plus 50 Mo par fichier").wait_for(
        timeout=60000)
    upload(page, "zone.geojson", b'{"type": "FeatureCollection",\n "features": [ }')
    page.get_by_text("GeoJSON invalide, ligne 2, colonne 16 : une valeur est attendue").wait_for(timeout=60000)
    assert "Expecting" not in page.inner_text("body")
    page.screenshot(path=str(artifacts / "cpts_geojson_invalide.png"), full_page=True)
    assert page.outside == []
