"""Only editors publish, in two headless-Chromium contexts against one server: a visitor's import
stays theirs until an editor signs in and publishes it, every publication and removal being
logged on « À propos des données ». The password store, sessions and command line are in
tests/unit/test_roles.py."""
import hashlib
import os
import time

import pytest

from santecarte.domain import auth
from tests.browser_support import LOOPBACK, settled, streamlit_server
from tests.unit.test_roles import EMAIL, PASSWORD

# --- two visitors and an editor in the browser ------------------------------------------------

ZONAGE_CSV = "code;zonage\n85018;ZIP\n85047;ZIP\n".encode()
SHA = hashlib.sha256(ZONAGE_CSV).hexdigest()
NEED_EDITOR = "Publier ou retirer un zonage vu par tous demande un compte éditeur."


@pytest.fixture(scope="module")
def roles_server(data_dir, tmp_path_factory):
    """A server on the session's database, with a user store and an editors file of its own."""
    folder = tmp_path_factory.mktemp("roles")
    (folder / "santecarte.duckdb").symlink_to(data_dir / "santecarte.duckdb")
    editors_file = folder / "editeurs.toml"
    auth.add_editor(EMAIL, PASSWORD, editors_file)
    env = {**os.environ, "SANTECARTE_DATA_DIR": str(folder), "SANTECARTE_EDITORS_FILE": str(editors_file)}
    env.pop("SANTECARTE_SECRET", None)
    with streamlit_server(env=env) as url:
        yield url


def _context_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url)
            if r.url.split("/")[0] in ("http:", "https:") and r.url.split("/")[2].split(":")[0] not in LOOPBACK
            else None)
    return context, page


def _zonage_label(page, statut: str, timeout: float = 60000):
    page.get_by_text(f"Zonage médecins — {statut}", exact=True).wait_for(timeout=timeout)


def _open_commune(page, server):
    page.goto(f"{server}/installer?profil=installation&code=85018")
    page.get_by_role("heading", name="Beauvoir-sur-Mer (85018)").wait_for(timeout=60000)


def _audit_cells(page, server, shot) -> dict[str, int]:
    """How many cells of the audit table on « À propos des données » hold each value looked for."""
    page.goto(f"{server}/sources")
    title = page.get_by_text("Journal des publications de zonage")
    title.wait_for(timeout=60000)
    page.get_by_text(SHA).first.wait_for(timeout=60000)
    title.scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    return {text: page.locator("table td, table th").filter(has_text=text).count()
            for text in (SHA, "publication", "retrait", f"{EMAIL} (compte local)", "zonage_vendee.csv",
                         "85018, 85047", "Arrêté test des rôles")}


def test_visitor_import_stays_private_until_an_editor_publishes(roles_server, browser, artifacts):
    server = roles_server
    ctx_a, a = _context_page(browser)   # a visitor who then signs in as editor
    ctx_b, b = _context_page(browser)   # another visitor
    try:
        # A imports: theirs only, « votre import, non publié », and they cannot publish it
        a.goto(f"{server}/installer")
        a.get_by_role("radio", name="Zonage officiel (ARS)").click()
        a.get_by_text(NEED_EDITOR).first.wait_for(timeout=60000)
        a.locator("input[type=file]").set_input_files(files=[{"name": "zonage_vendee.csv", "mimeType": "text/csv",
                                                              "buffer": ZONAGE_CSV}])
        a.get_by_role("textbox", name="Source (arrêté, date)").fill("Arrêté test des rôles")
        a.get_by_role("button", name="Importer ce zonage").click()
        a.get_by_text("Zonage importé pour 2 commune(s)").wait_for(timeout=60000)
        publish = a.get_by_role("button", name="Publier ce zonage")
        assert publish.is_disabled()
        a.screenshot(path=str(artifacts / "roles_visiteur_import.png"), full_page=True)

        a.get_by_role("radio", name="Fiche de la commune").click()
        box = a.get_by_role("textbox", name="Commune", exact=True)
        box.fill("beauvoir sur mer")
        box.press("Enter")
        _zonage_label(a, "votre import, non publié")
        a.get_by_text("Aide à la primo-installation en ZIP").wait_for(timeout=60000)  # the aids follow it
        a.screenshot(path=str(artifacts / "roles_visiteur_fiche_non_publie.png"), full_page=True)

        # B sees the indicative zonage, and cannot remove or publish anything
        _open_commune(b, server)
        _zonage_label(b, "indicatif, non réglementaire")
        assert "votre import" not in b.inner_text("body") and "Arrêté test des rôles" not in b.inner_text("body")
        b.screenshot(path=str(artifacts / "roles_autre_visiteur_indicatif.png"), full_page=True)

        # A signs in as editor: a wrong password first, answered in French and slowed down
        a.get_by_role("radio", name="Zonage officiel (ARS)").click()
        a.get_by_text("Votre import, non publié").first.wait_for(timeout=60000)
        a.get_by_text("Connexion éditeur").click()
        a.get_by_role("textbox", name="Adresse électronique").fill(EMAIL)
        a.get_by_role("textbox", name="Mot de passe").fill("pas le bon mot de passe")
        started = time.time()
        a.get_by_role("button", name="Se connecter").click()
        a.get_by_text("Identifiant ou mot de passe incorrect.").wait_for(timeout=60000)
        assert time.time() - started >= auth.Throttle.BASE
        assert publish.is_disabled()
        a.screenshot(path=str(artifacts / "roles_mot_de_passe_refuse.png"), full_page=True)
        a.get_by_role("textbox", name="Mot de passe").fill(PASSWORD)
        a.get_by_role("button", name="Se connecter").click()
        a.get_by_text(f"Connecté·e comme éditeur : {EMAIL}").wait_for(timeout=60000)
        assert NEED_EDITOR not in a.inner_text("body")
        settled(a)  # the run that drew the enabled button is over: no stale disabled one beside it
        a.get_by_role("button", name="Publier ce zonage", disabled=False).click()
        a.get_by_text("Zonage publié pour 2 commune(s)").wait_for(timeout=60000)
        a.get_by_text("Zonages publiés, vus par tous").wait_for(timeout=60000)
        a.screenshot(path=str(artifacts / "roles_editeur_publie.png"), full_page=True)

        # B now sees it as official, and the log holds the publication with the file's SHA-256
        _open_commune(b, server)
        _zonage_label(b, "officiel (import ARS)")
        b.screenshot(path=str(artifacts / "roles_autre_visiteur_officiel.png"), full_page=True)
        b.get_by_role("radio", name="Zonage officiel (ARS)").click()
        b.get_by_text("Zonages publiés, vus par tous").wait_for(timeout=60000)
        assert b.get_by_role("button", name="Retirer cette publication").is_disabled()
        assert b.get_by_text(NEED_EDITOR).count() >= 1
        assert _audit_cells(b, server, artifacts / "roles_journal_publication.png") == {
            SHA: 1, "publication": 1, "retrait": 0, f"{EMAIL} (compte local)": 1, "zonage_vendee.csv": 1,
            "85018, 85047": 1, "Arrêté test des rôles": 1}

        # the editor removes it: the log has the removal, B is back to the indicative zonage
        a.locator('[data-testid="stSelectbox"]').filter(has_text="Retirer une publication").click()
        a.get_by_role("option", name="Arrêté test des rôles").click()
        settled(a)
        a.get_by_role("button", name="Retirer cette publication", disabled=False).click()
        a.get_by_text("Publication retirée").wait_for(timeout=60000)
        assert _audit_cells(b, server, artifacts / "roles_journal_retrait.png") == {
            SHA: 2, "publication": 1, "retrait": 1, f"{EMAIL} (compte local)": 2, "zonage_vendee.csv": 2,
            "85018, 85047": 2, "Arrêté test des rôles": 2}
        _open_commune(b, server)
        _zonage_label(b, "indicatif, non réglementaire")
        assert a.outside == [] and b.outside == []
    finally:
        ctx_a.close()
        ctx_b.close()
