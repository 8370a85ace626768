"""The profile's map on a phone and on a desktop: at 390 px the map fits its frame (the commune
in view, not the left part of a 680 px map) and its legend, folded to one line, covers under 35 %
of it and unfolds on a tap; at 1,400 px the legend opens with every class, and on four maps no
polygon lies under it."""
import contextlib

import pytest

from tests.browser_support import map_frame

BOXES = """() => {
  const box = e => { const r = document.querySelector(e).getBoundingClientRect();
                     return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  return {map: box('.leaflet-container'), legend: box('.santecarte-legend'), frame: window.innerWidth};
}"""


def covered(boxes) -> float:
    """Share of the map's area under the legend."""
    m, g = boxes["map"], boxes["legend"]
    w = max(0, min(m["x"] + m["w"], g["x"] + g["w"]) - max(m["x"], g["x"]))
    h = max(0, min(m["y"] + m["h"], g["y"] + g["h"]) - max(m["y"], g["y"]))
    return w * h / (m["w"] * m["h"])


@contextlib.contextmanager
def map_with_legend(browser, url: str, width: int, height: int, screenshot):
    """A fresh page at `url`, once its map and legend are drawn and in view (screenshot saved):
    the map's frame."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(url)
        frame = map_frame(page, timeout=120)
        frame.locator(".santecarte-legend").wait_for(timeout=30000)
        page.wait_for_timeout(500)
        page.locator("iframe").last.scroll_into_view_if_needed()
        page.screenshot(path=screenshot)
        yield frame
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 700, 1400])
def test_profile_legend_leaves_the_map_usable(server, browser, artifacts, width):
    with map_with_legend(browser, f"{server}/profil?code=75101", width, 900,
                         artifacts / f"profil_legende_{width}.png") as frame:
        boxes = frame.evaluate(BOXES)
        assert boxes["map"]["w"] <= boxes["frame"] + 1, boxes  # no part of the map cut off by its frame
        legend = frame.locator(".santecarte-legend")
        if width < 500:
            assert covered(boxes) < 0.35, boxes
            assert "légende" in legend.inner_text() and "sous-dense" not in legend.inner_text()
            legend.locator("b").click()  # a tap unfolds it, a second folds it again
            assert "sous-dense" in legend.inner_text()
            legend.locator("b").click()
            assert "sous-dense" not in legend.inner_text()
        else:
            assert covered(boxes) < 0.25, boxes
            assert "sous-dense" in legend.inner_text()  # readable as it opens


UNDER_LEGEND = """() => {
  const l = document.querySelector('.santecarte-legend').getBoundingClientRect();
  const paths = [...document.querySelectorAll('path.leaflet-interactive')].map(p => p.getBoundingClientRect());
  return {n: paths.length, under: paths.filter(r => r.right > l.left + 1 && r.bottom > l.top + 1
                                                   && r.left < l.right - 1 && r.top < l.bottom - 1).length};
}"""


@pytest.mark.parametrize("path", ["carte_apl?region=52&departement=85", "profil?code=75056", "profil?code=97611",
                                  "installer?code=13201&metier=infirmier"])
def test_no_polygon_under_an_open_legend(server, browser, artifacts, path):
    """On a desktop the open legend sits beside the polygons, never over them: the south-east of
    Vendée, Paris' eastern arrondissements and Mayotte's south were hidden under it."""
    with map_with_legend(browser, f"{server}/{path}", 1400, 1000,
                         artifacts / f"legende_{path.split('?')[0]}_{path[-5:]}.png") as frame:
        seen = frame.evaluate(UNDER_LEGEND)
    assert seen["n"] > 0 and seen["under"] == 0, seen
