"""The editor's sign-in box, for pages that let an editor publish (Streamlit side of `auth`).

An identity provider (OpenID Connect through Streamlit's `st.login` / `st.user`) is offered only
when `.streamlit/secrets.toml` has an `[auth]` section; its editors are listed under
`[santecarte]` (`editeurs = [e-mails]`, or `claim_editeur` and `valeur_editeur`). Local accounts
(`python -m santecarte editeur ajouter EMAIL`) sign in with a form; the session keeps a signed
token with an expiry, never the password.
"""
from __future__ import annotations

import secrets

import streamlit as st

from santecarte.domain import auth
from santecarte.views.ui import md_escape

TOKEN_KEY = "editeur_jeton"
NEED_EDITOR = "Publier ou retirer un zonage vu par tous demande un compte éditeur."
_AUTH_SETTINGS = {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url",
                  "client_kwargs", "expose_tokens"}


def _secrets_section(name: str) -> dict:
    """A section of secrets.toml as a dict; {} without a secrets file, a section or a readable file."""
    try:
        if name not in st.secrets:
            return {}
        return dict(st.secrets[name])
    except Exception:  # no secrets.toml, or one that does not parse: no identity provider
        return {}


def oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def _providers() -> list[str | None]:
    """Named providers ([auth.proconnect], [auth.keycloak]…), else the one of [auth] itself."""
    section = _secrets_section("auth")
    named = [k for k, v in section.items() if k not in _AUTH_SETTINGS and hasattr(v, "keys")]
    return named or ([None] if "client_id" in section else [])


def _oidc_user() -> dict | None:
    """The signed-in OIDC user's claims, or None (no provider configured, or nobody signed in)."""
    if not oidc_configured():
        return None
    try:
        return st.user.to_dict() if st.user.is_logged_in else None
    except Exception:
        return None


def _oidc_editor(user: dict | None) -> auth.Editor | None:
    if not user:
        return None
    conf = _secrets_section("santecarte")
    return auth.is_oidc_editor(user, conf.get("editeurs", ()), conf.get("claim_editeur"), conf.get("valeur_editeur"))


def current_editor() -> auth.Editor | None:
    """The editor of this session: a local account's valid token, or an OIDC user listed as editor."""
    try:
        local = auth.editor_from_token(st.session_state.get(TOKEN_KEY))
    except auth.EditorError:
        local = None
    return local or _oidc_editor(_oidc_user())


def _session_key() -> str:
    return st.session_state.setdefault("_editeur_session", secrets.token_hex(16))


def _sign_out() -> None:
    st.session_state.pop(TOKEN_KEY, None)


def editor_box() -> auth.Editor | None:
    """Who publishes: the signed-in editor with a sign-out button, else the ways to sign in.
    Returns the editor, or None for a visitor."""
    editor = current_editor()
    if editor is not None:
        c1, c2 = st.columns([3, 1])
        c1.success(f"Connecté·e comme éditeur : {md_escape(editor.email)} ({editor.method}).",
                   icon=":material/verified_user:")
        if editor.method == auth.LOCAL:
            c2.button("Se déconnecter", on_click=_sign_out, key="editeur_deconnexion")
        else:
            c2.button("Se déconnecter", on_click=st.logout, key="editeur_deconnexion_oidc")
        return editor

    user = _oidc_user()
    try:
        local_accounts = auth.has_local_editors()
    except auth.EditorError:
        local_accounts = False
    with st.expander("Connexion éditeur", expanded=False, icon=":material/login:"):
        st.caption("Les agents habilités (ARS) publient le zonage pour tous. La consultation ne demande aucun compte.")
        if user is not None:
            st.warning(f"Votre compte {md_escape(user.get('email', ''))} n'est pas inscrit comme éditeur de cette "
                       "installation.", icon=":material/block:")
            st.button("Se déconnecter du fournisseur d'identité", on_click=st.logout, key="oidc_deconnexion")
        elif oidc_configured():
            label = _secrets_section("santecarte").get("nom_fournisseur", "le fournisseur d'identité")
            for provider in _providers():
                st.button(f"Se connecter avec {provider or label}", on_click=st.login, args=(provider,) if provider else (),
                          key=f"oidc_{provider or 'defaut'}", icon=":material/badge:")
        if local_accounts:
            with st.form("editeur_connexion", clear_on_submit=False, border=False):
                email = st.text_input("Adresse électronique", max_chars=200, autocomplete="username")
                password = st.text_input("Mot de passe", type="password", max_chars=200,
                                         autocomplete="current-password")
                submitted = st.form_submit_button("Se connecter")
            if submitted:
                with st.spinner("Vérification…"):
                    editor = auth.sign_in(email, password, _session_key())
                if editor is None:
                    st.error(auth.BAD_CREDENTIALS, icon=":material/error:")
                else:
                    st.session_state[TOKEN_KEY] = auth.issue_token(editor)
                    st.rerun()
        elif not oidc_configured():
            st.info("Aucun compte éditeur n'est configuré sur cette installation. L'administrateur en crée un avec "
                    "`python -m santecarte editeur ajouter EMAIL`, ou configure un fournisseur d'identité "
                    "(section [auth] de .streamlit/secrets.toml).", icon=":material/info:")
    return None
