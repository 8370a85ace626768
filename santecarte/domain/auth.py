"""Editors: who may publish or remove what every visitor sees (the official zonage imports).

Reading needs nothing. Publishing needs an editor, known one of two ways:

- through an OpenID Connect provider (ProConnect, Keycloak, Azure AD…) configured for Streamlit's
  `st.login` in `.streamlit/secrets.toml`, the editors being listed there by e-mail or by a claim
  (`is_oidc_editor`; the page reads `st.user` and the secrets, this module never imports
  Streamlit);
- for a standalone install with no identity provider, through local accounts in a TOML file
  (`SANTECARTE_EDITORS_FILE`, default `data/editeurs.toml`), each a salted Argon2id hash
  (argon2-cffi), never the password; a successful sign-in gives a signed token with an expiry
  (itsdangerous), kept by the page in the session.

Failed sign-ins are slowed down: a delay that doubles with each consecutive failure of the
account or of the session (`Throttle`).
"""
from __future__ import annotations

import os
import re
import secrets
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from santecarte.core import config

LOCAL, OIDC = "compte local", "fournisseur d'identité"
SESSION_SECONDS = 8 * 3600
"""A local editor's sign-in lasts a working day."""
MIN_PASSWORD = 12
BAD_CREDENTIALS = "Identifiant ou mot de passe incorrect."
_EMAIL = re.compile(r"^[^@\s\"'\\\[\]]+@[^@\s\"'\\\[\]]+\.[^@\s\"'\\\[\]]+$")
_hasher = PasswordHasher()  # Argon2id with the library's recommended cost (RFC 9106 low-memory profile)
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))  # unknown accounts cost as much as known ones
_file_lock = threading.Lock()


class EditorError(ValueError):
    """A French message for the command line (bad e-mail, short password…)."""


@dataclass(frozen=True)
class Editor:
    """Someone allowed to publish: their e-mail and how they proved it (LOCAL or OIDC)."""

    email: str
    method: str

    @property
    def label(self) -> str:
        """As written in the audit log: « alice@ars.fr (compte local) »."""
        return f"{self.email} ({self.method})"


def editors_file() -> Path:
    return Path(os.environ.get("SANTECARTE_EDITORS_FILE") or config.data_dir() / "editeurs.toml")


def normalise_email(email: str) -> str:
    email = str(email).strip().lower()
    if not _EMAIL.match(email) or len(email) > 200:
        raise EditorError(f"Adresse électronique invalide : « {email[:60]} ».")
    return email


def _accounts(path: Path | None = None) -> dict[str, str]:
    """e-mail → Argon2 hash, from the editors file ({} when there is none)."""
    path = path or editors_file()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EditorError(f"Fichier des éditeurs illisible ({path}) : {exc}") from None
    found = document.get("editeurs", {})
    return {str(email).lower(): str(entry.get("hash", "")) for email, entry in found.items()
            if isinstance(entry, dict)}


def _write(accounts: dict[str, str], path: Path) -> None:
    """Write the file atomically, readable by its owner only. E-mails are checked by
    normalise_email and hashes are Argon2 strings: neither holds a quote or a backslash."""
    lines = ["# Comptes éditeurs de SantéCarte : empreintes Argon2id (jamais le mot de passe).",
             "# Ajouter un compte : python -m santecarte editeur ajouter EMAIL", ""]
    for email, digest in sorted(accounts.items()):
        lines += [f'[editeurs."{email}"]', f'hash = "{digest}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    os.replace(tmp, path)


def add_editor(email: str, password: str, path: Path | None = None) -> str:
    """Create or reset a local editor account; returns the normalised e-mail."""
    email = normalise_email(email)
    if len(password) < MIN_PASSWORD:
        raise EditorError(f"Mot de passe trop court : {MIN_PASSWORD} caractères au moins.")
    path = path or editors_file()
    with _file_lock:
        accounts = _accounts(path)
        accounts[email] = _hasher.hash(password)
        _write(accounts, path)
    return email


def remove_editor(email: str, path: Path | None = None) -> bool:
    email = normalise_email(email)
    path = path or editors_file()
    with _file_lock:
        accounts = _accounts(path)
        if accounts.pop(email, None) is None:
            return False
        _write(accounts, path)
    return True


def editor_emails(path: Path | None = None) -> list[str]:
    return sorted(_accounts(path))


def has_local_editors(path: Path | None = None) -> bool:
    try:
        return bool(_accounts(path))
    except EditorError:
        return False


def verify(email: str, password: str, path: Path | None = None) -> Editor | None:
    """The editor when `password` is theirs, else None (unknown account or wrong password,
    answered alike and in the same time)."""
    try:
        email = normalise_email(email)
    except EditorError:
        email = ""
    digest = _accounts(path).get(email) if email else None
    try:
        _hasher.verify(digest or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return Editor(email, LOCAL) if digest else None


class Throttle:
    """Consecutive failed sign-ins per key (an account, a session): the n-th failure in a row
    waits BASE × 2^(n-1) seconds, at most MAX, before it is answered; a success clears it."""

    BASE, MAX = 1.0, 30.0

    def __init__(self, sleep=time.sleep):
        self._failures: dict[str, int] = {}
        self._lock = threading.Lock()
        self._sleep = sleep

    def delay(self, *keys: str) -> float:
        with self._lock:
            n = max((self._failures.get(k, 0) for k in keys), default=0)
        return 0.0 if n == 0 else min(self.BASE * 2 ** (n - 1), self.MAX)

    def failed(self, *keys: str) -> float:
        """Record a failure of every key and wait; returns the time waited."""
        with self._lock:
            for k in keys:
                self._failures[k] = self._failures.get(k, 0) + 1
        wait = self.delay(*keys)
        self._sleep(wait)
        return wait

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


THROTTLE = Throttle()


def sign_in(email: str, password: str, session_key: str, path: Path | None = None) -> Editor | None:
    """`verify`, slowed down after failures of this account or this session."""
    account = "compte:" + str(email).strip().lower()[:200]
    session = "session:" + session_key
    editor = verify(email, password, path)
    if editor is None:
        THROTTLE.failed(account, session)
        return None
    THROTTLE.succeeded(account, session)
    return editor


def _secret() -> str:
    """SANTECARTE_SECRET, else a random key generated once into the data folder (owner-only)."""
    env = os.environ.get("SANTECARTE_SECRET")
    if env:
        return env
    path = config.data_dir() / "session.key"
    with _file_lock:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it meanwhile
                pass
            else:
                with os.fdopen(fd, "w") as out:
                    out.write(secrets.token_hex(32))
        return path.read_text().strip()


def _signer() -> TimestampSigner:
    return TimestampSigner(_secret(), salt="santecarte-editeur")


def issue_token(editor: Editor) -> str:
    """A signed token naming a local editor, to keep in the session."""
    return _signer().sign(editor.email.encode()).decode()


def editor_from_token(token: str | None, max_age: int = SESSION_SECONDS,
                      path: Path | None = None) -> Editor | None:
    """The local editor a token names, if its signature holds, it is not expired and the account
    still exists (removing an account ends its sessions)."""
    if not token:
        return None
    try:
        email = _signer().unsign(token, max_age=max_age).decode()
    except (BadSignature, SignatureExpired, UnicodeDecodeError):
        return None
    return Editor(email, LOCAL) if has_local_editors(path) and email in _accounts(path) else None


def is_oidc_editor(user: dict, emails=(), claim: str | None = None, value: str | None = None) -> Editor | None:
    """The editor a signed-in OIDC user is, if their verified e-mail is among `emails` or their
    `claim` (e.g. « groups », « roles ») holds `value`; None otherwise."""
    email = str(user.get("email") or "").strip().lower()
    if not email:
        return None
    allowed = {str(e).strip().lower() for e in emails or ()}
    verified = user.get("email_verified", True) not in (False, "false")
    if verified and email in allowed:
        return Editor(email, OIDC)
    if claim and value:
        held = user.get(claim)
        held = held if isinstance(held, (list, tuple)) else [held]
        if value in [str(h) for h in held if h is not None]:
            return Editor(email, OIDC)
    return None
