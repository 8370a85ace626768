"""A click on a map never breaks the page, in a region with GP sites (Seine-Saint-Denis), one
without (Vendée), PACA, an overseas department and France by department; and the exports of one
page download one after the other (CSV → GeoJSON → CSV), with no request leaving the machine."""
import re
import time

import pytest

from tests.browser_support import map_frame, map_path_count, no_error_on_page, settled

MAP_VIEWS = [  # (link, what the clicked polygon is: a commune or a department)
    ("region=52&departement=85", "Vendée, sans lieux d'exercice chargés"),
    ("region=52&departement=85&indicateur=Lieux+d%27exercice+de+g%C3%A9n%C3%A9ralistes+pour+10+000+habitants",
     "Vendée, indicateur des lieux d'exercice"),
    ("region=11&departement=93", "Seine-Saint-Denis, lieux d'exercice chargés"),
    ("region=93&departement=Toute+la+r%C3%A9gion", "PACA entière"),
    ("region=04&departement=974", "La Réunion"),
    ("region=FR", "France par département"),
]


@pytest.mark.parametrize("query, what", MAP_VIEWS, ids=[w for _, w in MAP_VIEWS])
def test_a_click_on_the_map_shows_the_details_and_keeps_the_page(server, page, artifacts, query, what):
    page.goto(f"{server}/carte_apl?{query}")
    frame = map_frame(page)
    settled(page)
    frame.locator("path.leaflet-interactive").nth(5).click(force=True)
    page.get_by_text("Lieux pour 10 000 hab.").first.wait_for(timeout=60000)  # the clicked unit's card
    settled(page)
    no_error_on_page(page)
    for still in ("Classement des", re.compile("Télécharger|Préparer l'export")):
        assert page.get_by_text(still).count(), f"« {still} » a disparu après le clic ({what})"
    page.screenshot(path=str(artifacts / f"clic_carte_{query.split('&')[-1].split('=')[-1][:12]}.png"), full_page=True)
    assert page.outside == []


OTHER_MAPS = [  # every other page's map, opened by link
    ("cpts?region=93", "CPTS de PACA"),
    ("installer?profil=installation&code=04070", "zonage, Alpes-de-Haute-Provence"),
    ("profil?code=97411", "profil, La Réunion"),
    ("profil?code=93066", "profil, Seine-Saint-Denis"),
    ("simulation", "simulation, Vendée"),
]


@pytest.mark.parametrize("path, what", OTHER_MAPS, ids=[w for _, w in OTHER_MAPS])
def test_a_click_on_every_other_map_keeps_the_page(server, page, path, what):
    page.goto(f"{server}/{path}")
    if path.startswith("installer"):
        page.get_by_role("radio", name="Carte du zonage").click()
    frame = map_frame(page, timeout=90)
    settled(page)
    paths = frame.locator("path.leaflet-interactive")
    for k in (0, paths.count() // 2):
        paths.nth(k).click(force=True)
        settled(page)
    no_error_on_page(page)
    assert map_path_count(page) > 0  # the map is still drawn
    assert page.outside == []


def test_exports_download_one_after_the_other(server, page):
    page.goto(f"{server}/carte_apl?region=52&departement=85")
    map_frame(page)
    settled(page)
    sizes = []
    for button in ("Télécharger le tableau (CSV)", "Télécharger la carte (GeoJSON)", "Télécharger le tableau (CSV)"):
        with page.expect_download(timeout=20000) as download:
            page.get_by_role("button", name=button).click()
        body = open(download.value.path(), "rb").read()
        sizes.append(len(body))
        assert (b'"FeatureCollection"' in body) == button.endswith("(GeoJSON)")
    assert sizes[0] == sizes[2] > 10_000
    assert page.outside == []


def test_ranking_follows_the_sort_and_names_the_department(server, page):
    page.goto(f"{server}/carte_apl?region=52&departement=85")
    map_frame(page)
    settled(page)
    department = page.get_by_test_id("stSelectbox").filter(has_text="Département").nth(1)
    # the ranking's filter names the department shown, not « Tous »
    assert department.locator("input").first.get_attribute("value") == "85 — Vendée"
    page.get_by_text("décroissant").click()
    settled(page)
    with page.expect_download(timeout=20000) as download:
        page.get_by_role("button", name="Télécharger le tableau (CSV)").click()
    rows = open(download.value.path(), encoding="utf-8-sig").read().splitlines()[1:]
    apl = [float(r.split(";")[8].replace(",", ".")) for r in rows if r.split(";")[8]]
    assert apl == sorted(apl, reverse=True) and len(apl) > 200


def test_a_commune_searched_by_name_is_shown_on_the_map(server, page, artifacts):
    page.goto(f"{server}/carte_apl?region=52&departement=85")
    map_frame(page)
    settled(page)
    page.get_by_text("Chercher une commune sur la carte").click()
    box = page.get_by_role("textbox", name="Commune (nom, code postal ou code INSEE)")
    box.fill("digne les bains")
    box.press("Enter")
    page.get_by_text("Digne-les-Bains (04070)").first.wait_for(timeout=60000)  # its card, as after a click
    settled(page)
    assert "region=93" in page.url and "departement=04" in page.url  # its department is shown
    deadline = time.time() + 30
    while time.time() < deadline:  # centred on it, its tooltip open
        tips = [f.locator(".leaflet-tooltip").all_inner_texts() for f in page.frames
                if f.locator(".leaflet-tooltip").count()]
        if any("Digne-les-Bains" in t for texts in tips for t in texts):
            break
        time.sleep(0.3)
    else:
        raise AssertionError("la commune cherchée n'est pas montrée sur la carte")
    no_error_on_page(page)
    page.screenshot(path=str(artifacts / "carte_recherche_digne.png"), full_page=True)
    assert page.outside == []


FRAMED = """() => {
    const boxes = [...document.querySelectorAll("path.leaflet-interactive")].map(p => p.getBoundingClientRect());
    const left = Math.min(...boxes.map(b => b.left)), right = Math.max(...boxes.map(b => b.right));
    const top = Math.min(...boxes.map(b => b.top)), bottom = Math.max(...boxes.map(b => b.bottom));
    const legend = document.querySelector(".santecarte-legend").getBoundingClientRect();
    return {left, right, top, bottom, width: innerWidth, height: innerHeight, legend_height: legend.height};
}"""


def test_on_a_phone_the_map_is_framed_on_the_territory(browser, server, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}/carte_apl?region=52&departement=85")
    assert map_path_count(page, expected=253) == 253
    frame = map_frame(page)
    settled(page)
    box = frame.evaluate(FRAMED)
    # every commune of Vendée inside the map, which it fills across
    assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= box["width"] and box["bottom"] <= box["height"]
    assert box["right"] - box["left"] > 0.6 * box["width"]
    assert box["legend_height"] < 40  # the legend folded to its title: it does not hide the map
    legend = frame.locator(".santecarte-legend b")
    assert "▸ légende" in legend.inner_text()
    page.locator("iframe").first.screenshot(path=str(artifacts / "carte_telephone.png"))
    legend.click()
    assert "sous-dense" in frame.locator(".santecarte-legend").inner_text()
    context.close()


TICK_BOXES = """chart => [...chart.querySelectorAll(".xtick text")].map(t => {
    const b = t.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom];
})"""


@pytest.mark.parametrize("path, labels", [("profil?code=85018", 3),  # the GP trend: 2021, 2022, 2023
                                           ("cpts?region=93&cpts=PACA-01", 4)])  # CPTS, department, region, France
def test_on_a_phone_chart_labels_do_not_overlap(browser, server, artifacts, path, labels):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=120000)
    settled(page)
    chart.scroll_into_view_if_needed()
    boxes = sorted(chart.evaluate(TICK_BOXES))
    assert len(boxes) == labels
    for (_, right, _, _), (left, _, _, _) in zip(boxes, boxes[1:]):
        assert right <= left, boxes  # side by side, never over one another
    assert all(0 <= b[0] and b[1] <= 390 for b in boxes)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert chart.locator(".modebar").count() == 0  # no toolbar (English tooltips) over the bars
    page.screenshot(path=str(artifacts / f"telephone_{path.split('?')[0]}.png"))
    context.close()


def test_a_click_on_a_cpts_opens_its_card(server, page, artifacts):
    page.goto(f"{server}/cpts?region=93")
    frame = map_frame(page, timeout=90)
    settled(page)
    card = page.get_by_test_id("stSelectbox").filter(has_text="CPTS").last.locator("input").first
    first = card.get_attribute("value")
    cpts = frame.locator("path.leaflet-interactive").last  # the CPTS layer is drawn over the communes
    cpts.hover(force=True)
    name = frame.locator(".leaflet-tooltip").inner_text().split("\n")[0].replace("CPTS", "", 1).strip()
    if name == first:  # pick another one
        cpts = frame.locator("path.leaflet-interactive").nth(-2)
        cpts.hover(force=True)
        name = frame.locator(".leaflet-tooltip").inner_text().split("\n")[0].replace("CPTS", "", 1).strip()
    cpts.click(force=True)
    deadline = time.time() + 60
    while card.get_attribute("value") != name and time.time() < deadline:
        time.sleep(0.3)
    assert card.get_attribute("value") == name != first
    settled(page)
    no_error_on_page(page)
    assert "cpts=" in page.url
    page.screenshot(path=str(artifacts / "cpts_clic_fiche.png"), full_page=True)


@pytest.mark.parametrize("path, says", [
    ("installer?profil=installation&code=85018", "Zonage médecins : "),
    ("installer?code=85018&metier=infirmier", "Zonage infirmiers : "),
])
def test_a_commune_clicked_on_a_zonage_map_gets_its_card_and_its_sheet(server, page, path, says):
    """« S'installer »: a click on another commune of the zonage map says its zonage under the map,
    and its button shows that commune (its sheet, or the nurses' view of it)."""
    page.goto(f"{server}/{path}")
    if "metier" not in path:
        page.get_by_role("radio", name="Carte du zonage").click()
    frame = map_frame(page, timeout=90)
    settled(page)
    paths = frame.locator("path.leaflet-interactive")
    paths.nth(paths.count() // 3).dispatch_event("click")  # on the polygon itself, not a marker drawn over it
    card = page.get_by_text(re.compile(r"\(\d[\dAB]\d{3}\) — " + says)).first
    card.wait_for(timeout=60000)
    name = re.match(r"(.+) \((\d[\dAB]\d{3})\) — ", card.inner_text())
    page.get_by_role("button", name=f"Afficher {name.group(1)}").click()
    deadline = time.time() + 60
    while f"code={name.group(2)}" not in page.url and time.time() < deadline:  # the address follows (no navigation)
        time.sleep(0.25)
    settled(page)
    assert f"code={name.group(2)}" in page.url, page.url
    no_error_on_page(page)
    assert page.get_by_text(f"{name.group(1)} ({name.group(2)})").count()  # the commune now shown
    assert page.outside == []
