"""The profession switch of « Territoires sous-dotés » in a real browser (issue #17): the map redraws
in national quintiles with its legend, the national mean is stated with its unit, the address and the
export follow, in several regions (Vendée, PACA, La Réunion, France by department); nothing leaves the
machine."""
import re

import pytest

from tests.browser.test_browser import drawn_communes, legend_text
from tests.browser_support import map_path_count


def choose_profession(page, label: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="Profession").first.click()
    page.keyboard.type(label)
    page.keyboard.press("Enter")


def test_switch_to_nurses_in_vendee_redraws_legend_figures_and_export(server, page, con, artifacts):
    page.goto(f"{server}/carte_apl?region=52&departement=85")
    assert map_path_count(page, expected=drawn_communes(con, "85")) == 253
    assert "sous-dense" in legend_text(page, "sous-dense")
    choose_profession(page, "Infirmiers")
    page.wait_for_url(re.compile(r"profession=infirmier"), timeout=60000)
    legend = legend_text(page, "les 20 % de communes les moins dotées de France")
    assert legend and "sous-dense" not in legend  # quintiles, not the GPs' 2.5 threshold
    page.get_by_text("Moyenne nationale 2021 des infirmiers : 156,07 ETP/100 000 hab.").wait_for(timeout=60000)
    assert map_path_count(page, expected=253) == 253
    page.screenshot(path=str(artifacts / "carte_infirmiers_vendee.png"), full_page=True)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="Télécharger le tableau (CSV)").click()
    lines = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    header = lines[0].split(";")
    beauvoir = dict(zip(header, next(line for line in lines if line.startswith("85018;")).split(";")))
    assert (beauvoir["apl"], beauvoir["profession"], beauvoir["annee_apl"]) == ("100,25", "Infirmiers", "2021")
    assert beauvoir["unite_apl"].startswith("ETP d'infirmiers")
    assert page.outside == []


@pytest.mark.parametrize("link, expected, text", [
    ("region=93&departement=06&profession=masseur_kinesitherapeute", ("06", None), "masseurs-kinésithérapeutes"),
    ("region=04&departement=974&profession=chirurgien_dentiste", ("974", None), "chirurgiens-dentistes"),
    ("region=FR&profession=sage_femme", (None, 101), "Moyenne nationale 2021 des sages-femmes : 19,72 ETP/100 000 femmes"),
])
def test_profession_by_link_in_paca_overseas_and_france(server, page, con, artifacts, link, expected, text):
    dep, count = expected
    page.goto(f"{server}/carte_apl?{link}")
    n = count or drawn_communes(con, dep)
    assert map_path_count(page, expected=n) == n
    assert legend_text(page, "les mieux dot")  # communes (dotées) or, for France, departments (dotés)
    page.get_by_text(text).first.wait_for(timeout=60000)
    page.screenshot(path=str(artifacts / f"carte_{link.split('profession=')[1]}.png"), full_page=True)
    assert page.outside == []


def pick(page, box: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=box).first.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def shown_value(page, box: str) -> str:
    return page.get_by_test_id("stSelectbox").filter(has_text=box).first.locator("input").first.get_attribute("value")


def test_gp_indicator_shown_again_after_another_profession(server, page, con):
    """The Indicateur box shows the GP indicator chosen before a detour through nurses, as the map does
    (a widget hidden in a run came back showing « APL 2023 » over an « Évolution » map)."""
    page.goto(f"{server}/carte_apl?region=52&departement=85")
    assert map_path_count(page, expected=253) == 253
    pick(page, "Indicateur", "Évolution de l'APL, 2021 → 2023")
    assert legend_text(page, "hausse")
    pick(page, "Profession", "Infirmiers")
    assert legend_text(page, "les 20 % de communes les moins dotées")
    assert "indicateur=" not in page.url  # a GP indicator is not part of a nurses' link
    pick(page, "Profession", "Médecins généralistes")
    assert legend_text(page, "hausse")
    page.wait_for_function("() => !document.body.innerText.includes('Infirmiers')", timeout=30000)
    assert shown_value(page, "Indicateur") == "Évolution de l'APL, 2021 → 2023"
    assert "2021+%E2%86%92+2023" in page.url or "2021%20%E2%86%92%202023" in page.url
    assert page.outside == []
