"""Only editors publish: the local password store (Argon2 hashes, never the password), signed
sessions, slowed-down failures, OIDC editors by e-mail or claim, the command line; and in two
headless-Chromium contexts against one server, a visitor's import stays theirs until an editor
signs in and publishes it, every publication and removal being logged on « À propos des données »."""
import hashlib
import io
import os
import time

import pytest

from santecarte.__main__ import main
from santecarte.domain import auth
from tests.browser_support import LOOPBACK, settled, streamlit_server

EMAIL, PASSWORD = "agent.zonage@ars.sante.fr", "Zonage-ARS-2026-solide"


@pytest.fixture()
def editors(tmp_path, monkeypatch):
    path = tmp_path / "editeurs.toml"
    monkeypatch.setenv("SANTECARTE_EDITORS_FILE", str(path))
    monkeypatch.setenv("SANTECARTE_DATA_DIR", str(tmp_path))  # the session key is generated there
    monkeypatch.delenv("SANTECARTE_SECRET", raising=False)
    return path


@pytest.fixture()
def waits(monkeypatch):
    """The sign-in delays, recorded instead of slept."""
    slept = []
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(sleep=slept.append))
    return slept


# --- the password store -----------------------------------------------------------------------

def test_password_is_hashed_salted_and_verified(editors):
    assert auth.add_editor(" Agent.Zonage@ARS.sante.fr ", PASSWORD) == EMAIL
    assert auth.verify(EMAIL, PASSWORD) == auth.Editor(EMAIL, auth.LOCAL)
    assert auth.verify(EMAIL.upper(), PASSWORD) == auth.Editor(EMAIL, auth.LOCAL)
    text = editors.read_text(encoding="utf-8")
    assert PASSWORD not in text and PASSWORD.lower() not in text and "$argon2id$" in text
    assert oct(editors.stat().st_mode & 0o777) == "0o600"
    first = text.split('hash = "')[1]
    auth.add_editor(EMAIL, PASSWORD)  # same password again: a new salt, a new hash
    assert editors.read_text(encoding="utf-8").split('hash = "')[1] != first
    assert auth.editor_emails() == [EMAIL]


@pytest.mark.parametrize("email, password", [(EMAIL, "Zonage-ARS-2026-Solide"), (EMAIL, ""), (EMAIL, PASSWORD[:-1]),
                                             ("autre@ars.sante.fr", PASSWORD), ("", PASSWORD), ("<b>x</b>", PASSWORD)])
def test_wrong_password_or_unknown_account_is_refused(editors, email, password):
    auth.add_editor(EMAIL, PASSWORD)
    assert auth.verify(email, password) is None


def test_no_editors_file_means_no_editor(editors):
    assert not editors.exists() and not auth.has_local_editors() and auth.verify(EMAIL, PASSWORD) is None


@pytest.mark.parametrize("email, password, message", [(EMAIL, "court", "trop court"),
                                                      ('x"@y.fr', PASSWORD, "invalide"),
                                                      ("pas-une-adresse", PASSWORD, "invalide")])
def test_bad_accounts_are_refused_in_french(editors, email, password, message):
    with pytest.raises(auth.EditorError, match=message):
        auth.add_editor(email, password)
    assert not editors.exists()


def test_failed_sign_ins_wait_longer_and_longer(editors, waits):
    auth.add_editor(EMAIL, PASSWORD)
    for _ in range(4):
        assert auth.sign_in(EMAIL, "mauvais mot de passe", "session-1") is None
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert auth.sign_in(EMAIL, "encore faux", "session-2") is None  # another session, the same account
    assert waits[-1] == 16.0
    assert auth.sign_in(EMAIL, PASSWORD, "session-2") == auth.Editor(EMAIL, auth.LOCAL)
    assert waits[-1] == 16.0 and len(waits) == 5  # a success is not slowed down, and clears the count
    assert auth.sign_in(EMAIL, "faux", "session-3") is None and waits[-1] == 1.0
    for _ in range(10):
        auth.sign_in("autre@ars.sante.fr", "faux", "session-4")
    assert waits[-1] == auth.Throttle.MAX


def test_session_token_is_signed_expires_and_ends_with_the_account(editors):
    auth.add_editor(EMAIL, PASSWORD)
    editor = auth.verify(EMAIL, PASSWORD)
    token = auth.issue_token(editor)
    assert PASSWORD not in token
    assert auth.editor_from_token(token) == editor
    assert oct((editors.parent / "session.key").stat().st_mode & 0o777) == "0o600"
    assert auth.editor_from_token(token.replace(EMAIL, "autre@ars.sante.fr")) is None  # forged
    assert auth.editor_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert auth.editor_from_token(None) is None and auth.editor_from_token("n'importe quoi") is None
    time.sleep(1.1)
    assert auth.editor_from_token(token, max_age=0) is None  # expired
    auth.remove_editor(EMAIL)
    assert auth.editor_from_token(token) is None


def test_token_from_another_secret_is_refused(editors, monkeypatch):
    auth.add_editor(EMAIL, PASSWORD)
    monkeypatch.setenv("SANTECARTE_SECRET", "un secret")
    token = auth.issue_token(auth.Editor(EMAIL, auth.LOCAL))
    monkeypatch.setenv("SANTECARTE_SECRET", "un autre secret")
    assert auth.editor_from_token(token) is None


def test_oidc_editors_by_email_or_claim():
    listed = ["Agent.Zonage@ars.sante.fr"]
    assert auth.is_oidc_editor({"email": EMAIL, "email_verified": True}, listed) == auth.Editor(EMAIL, auth.OIDC)
    assert auth.is_oidc_editor({"email": EMAIL, "email_verified": False}, listed) is None
    assert auth.is_oidc_editor({"email": "autre@ars.sante.fr"}, listed) is None
    assert auth.is_oidc_editor({"sub": "123"}, listed) is None
    user = {"email": "autre@ars.sante.fr", "groups": ["lecteurs", "santecarte-editeurs"]}
    assert auth.is_oidc_editor(user, [], "groups", "santecarte-editeurs") == auth.Editor("autre@ars.sante.fr",
                                                                                          auth.OIDC)
    assert auth.is_oidc_editor(user, [], "groups", "administrateurs") is None
    assert auth.is_oidc_editor({"email": "x@y.fr", "role": "santecarte-editeurs"}, [], "role",
                               "santecarte-editeurs") is not None


def test_command_line_adds_and_removes_an_editor(editors, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["editeur", "ajouter", EMAIL]) == 0
    assert auth.verify(EMAIL, PASSWORD) is not None and PASSWORD not in editors.read_text(encoding="utf-8")
    assert main(["editeur", "liste"]) == 0 and EMAIL in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
    assert main(["editeur", "ajouter", "autre@ars.sante.fr"]) == 2
    assert "Mot de passe trop court" in capsys.readouterr().err
    assert main(["editeur", "retirer", EMAIL]) == 0 and auth.editor_emails() == []


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
