"""Only editors publish: the local password store (Argon2 hashes, never the password), signed
sessions, slowed-down failures, OIDC editors by e-mail or claim, the command line. In two
headless-Chromium contexts against one server, a visitor's import stays theirs until an editor
signs in and publishes it: tests/browser/test_roles.py."""
import io
import time

import pytest

from santecarte.__main__ import main
from santecarte.domain import auth

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
