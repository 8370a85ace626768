"""What the pages used to compute themselves, now in domain and views (issue #16), where no
database is needed: the « ; »-joined CPTS names, an APL change as a metric's delta, the one list of
pages, the tables of the « À propos des données » page. The same on the real database:
tests/integration/test_page_logic.py."""
import pandas as pd
import pytest

from santecarte.domain.communes import cpts_names
from santecarte.domain.indicators import apl_change, evolution_delta
from santecarte.views.ui import MENU, audit_display, build_log_display, built_text
from tests.conftest import PROJECT


def test_cpts_names_split_sort_and_dedupe():
    assert cpts_names(["CPTS B ; CPTS A", None, float("nan"), "CPTS A"]) == ["CPTS A", "CPTS B"]
    assert cpts_names(pd.Series([None, None])) == []


def test_apl_change_as_a_metric_delta():
    assert apl_change({2022: 3.311, 2023: 3.13}) == pytest.approx(-0.181)
    assert apl_change({2022: None, 2023: 3.13}) is None and apl_change({}) is None
    assert evolution_delta(3.13 - 3.311) == "-0,18 depuis 2022"
    assert evolution_delta(None) is None and evolution_delta(float("nan")) is None


def test_one_list_of_pages_for_the_menu_and_the_home_page():
    assert [p.path for p in MENU][0] == "app.py"
    assert {p.path for p in MENU[1:]} == {f"pages/{f.name}" for f in (PROJECT / "pages").glob("*.py")}
    assert all(p.description for p in MENU[1:])
    installer = next(p for p in MENU if p.path == "pages/installer.py")
    assert installer.home_label == ("S'installer : zonage, aides nationales par profil, maisons de santé à 20 minutes, "
                                    "comparaison de communes")
    assert MENU[0].home_label == "Accueil"


def test_about_page_tables():
    assert built_text({}) == "à une date inconnue"
    assert built_text({"built_at": "2026-03-02T15:05:00+01:00"}) == "02/03/2026 à 14:05 (UTC)"
    log = build_log_display(pd.DataFrame({"step": ["apl", "autre"], "message": ["ok", "?"]}))
    assert log.to_dict("records") == [{"Étape": "APL de la DREES", "Message": "ok"}, {"Étape": "autre", "Message": "?"}]
    codes = [f"85{k:03d}" for k in range(1, 26)]
    audit = pd.DataFrame({"logged_at": ["2026-03-02 14:05:07"], "action": ["publication"], "editor": ["[moi](x)"],
                          "n_communes": [25], "commune_codes": [codes], "file_name": ["z*.csv"], "source": ["Arrêté"],
                          "file_sha256": ["ab"]})
    shown, csv = audit_display(audit)
    row = shown.reset_index().iloc[0]
    assert row["Date"] == "02/03/2026 14:05:07" and row["Éditeur"] == r"\[moi\]\(x\)" and row["Fichier"] == r"z\*\.csv"
    assert row["Codes des communes"] == ", ".join(codes[:20]) + " … et 5 autres"
    assert " ".join(codes).encode() in csv and b"[moi](x)" in csv  # every code, as typed
