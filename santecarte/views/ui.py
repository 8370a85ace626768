"""Streamlit glue shared by the pages: the database (built on first start, with a progress
bar), a cached read-only connection, and cached query results."""
from __future__ import annotations

import html
import logging
import re
from typing import NamedTuple

import pandas as pd
import streamlit as st

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core import config, db
from santecarte.core.numbers import export_csv_bytes, french_table
from santecarte.domain.communes import outline_collection
from santecarte.domain.search import code_notes, count_text, search
from santecarte.pipeline.build import build_in_background, database_ready
from santecarte.pipeline.readers import RawDataError
from santecarte.views.maps.assets import ensure_static_assets

log = logging.getLogger("santecarte")



class Page(NamedTuple):
    path: str
    label: str          # in the sidebar and the home page's links
    icon: str
    description: str    # after the label on the home page ("" for the home page itself)

    @property
    def home_label(self) -> str:
        """The home page's link: « label : description »."""
        return f"{self.label} : {self.description}" if self.description else self.label


MENU = [
    Page("app.py", "Accueil", ":material/home:", ""),
    Page("pages/carte_apl.py", "Territoires sous-dotés", ":material/map:",
         "carte, chiffres clés et classement (APL DREES 2022, 2023)"),
    Page("pages/cpts.py", "Couverture CPTS", ":material/hub:",
         "périmètres (PACA), zones blanches, diagnostic d'un territoire"),
    Page("pages/simulation.py", "Simulation", ":material/science:",
         "départs, arrivées, permanences, placement de médecins (APL recalculée)"),
    Page("pages/installer.py", "S'installer", ":material/stethoscope:",
         f"zonage, aides nationales par profil, maisons de santé à {MAX_MINUTES_FR} minutes, comparaison de communes"),
    Page("pages/profil.py", "Profil de commune", ":material/location_city:",
         "la situation d'une commune, comparée au département, à la région et à la France, en PDF"),
    Page("pages/sources.py", "À propos des données", ":material/menu_book:", "sources, millésimes, licences"),
]
"""Every page, in the order of the sidebar menu and of the home page's links."""
def page_setup(title: str) -> None:
    """First call of every page: config, navigation, and the database (built on first start).

    The sidebar menu is ours (`client.showSidebarNavigation = false`) so pages have French
    labels, and every page works when opened directly by its URL.
    """
    st.set_page_config(page_title=f"{title} — SantéCarte" if title != "SantéCarte" else title,
                       layout="wide")
    with st.sidebar:
        st.markdown("### SantéCarte")
        for page in MENU:
            st.page_link(page.path, label=page.label, icon=page.icon)
    ensure_database()


def ensure_database() -> None:
    """Build the database on first start, showing progress; stop the page on bad raw data. The
    notice and the bar go once built; the raw folder's path is for the terminal and the log,
    never the page (every visitor sees it)."""
    ensure_static_assets()
    if database_ready():
        return
    log.info("Première ouverture : construction de la base à partir de %s", config.raw_dir())
    print(f"SantéCarte : construction de la base à partir de {config.raw_dir()}", flush=True)
    notice, progress = st.empty(), st.empty()
    notice.info("Première ouverture : construction de la base à partir des données ouvertes. Cela prend moins "
                "d'une minute.")
    bar = progress.progress(0.0, text="Préparation…")
    job = build_in_background()  # its own thread: closing this page does not stop it
    while not job.done.wait(0.25):
        bar.progress(job.fraction, text=job.label)
    if job.error is not None:
        exc = job.error
        notice.empty()
        progress.empty()
        log.error("La base n'a pas pu être construite : %s", exc)
        print(f"SantéCarte : la base n'a pas pu être construite : {exc}", flush=True)
        st.error("La base n'a pas pu être construite : " + (
            _without_folder(exc) if isinstance(exc, RawDataError)
            else "erreur inattendue, décrite dans le journal du serveur. Rechargez la page pour réessayer."))
        st.stop()
    notice.empty()
    progress.empty()
    st.cache_resource.clear()
    st.cache_data.clear()


def _without_folder(exc: RawDataError) -> str:
    """The build error as the page shows it: the file named inside the raw folder, never the
    server's path (the full message goes to the terminal and the log)."""
    folder = str(config.raw_dir())
    path = exc.path.removeprefix(folder).lstrip("/\\") or exc.path.rsplit("/", 1)[-1]
    return (f"jeu de données « {exc.dataset.title} » ({exc.dataset.key}) — fichier « {path} » du dossier des données "
            f"brutes : {exc.problem.replace(folder, '…')}")


@st.cache_resource
def _connection(db_file: str):
    return db.connect(db_file)


def connection():
    """A cursor of the shared read-only connection (one per call: cursors are not shared)."""
    return _connection(str(config.db_path())).cursor()


def query(name: str, **params) -> pd.DataFrame:
    """Run `queries/main/<name>.sql` on a cursor of the shared read-only connection."""
    return db.query(connection(), name, **params)


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_query(db_file: str, name: str, params: tuple) -> pd.DataFrame:
    return query(name, **dict(params))


def cached_query(name: str, **params) -> pd.DataFrame:
    """`query`, cached per database file and parameters."""
    return _cached_query(str(config.db_path()), name, tuple(sorted(params.items())))


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_call(db_file: str, name: str, params: tuple, _func):
    return _func(connection(), **dict(params))


def cached_call(func, **params):
    """`func(connection(), **params)`: a domain function reading the database, its result
    cached per database file, function and parameters (as `cached_query`)."""
    return _cached_call(str(config.db_path()), f"{func.__module__}.{func.__qualname__}",
                        tuple(sorted(params.items())), func)


def vintages_html(sources: pd.DataFrame) -> str:
    """The home page's table of the data vintages (`sources`: title, publisher, vintage,
    coverage) as static HTML: long titles wrap, so it fits the page with no horizontal scroll."""
    shown = french_table(sources[["title", "publisher", "vintage", "coverage"]])
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in shown.iloc[k]) + "</tr>"
                   for k in range(len(shown)))
    return f"""<style>
.sc-vintages {{width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.85rem;}}
.sc-vintages th, .sc-vintages td {{text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15); overflow-wrap: anywhere;}}
</style>
<table class="sc-vintages"><colgroup><col style="width: 38%"><col style="width: 27%"><col style="width: 13%">
<col style="width: 22%"></colgroup>
<thead><tr><th>Données</th><th>Producteur</th><th>Millésime</th><th>Couverture</th></tr></thead>
<tbody>{rows}</tbody></table>"""


BUILD_STEPS = {"communes": "Communes", "apl": "APL de la DREES", "gp_sites": "Lieux d'exercice", "cpts": "CPTS",
               "zonage": "Zonage", "accessibility": "APL SantéCarte", "sources": "Sources"}
AUDIT_COLUMNS = {"logged_at": "Date", "action": "Action", "editor": "Éditeur", "n_communes": "Communes",
                 "commune_codes": "Codes des communes", "file_name": "Fichier", "source": "Source",
                 "file_sha256": "SHA-256 du fichier"}
AUDIT_SHOWN, CODES_SHOWN = 50, 20


def built_text(info: dict) -> str:
    """When the database was built (`build_info`), as « 02/03/2026 à 14:05 (UTC) »."""
    if "built_at" not in info:
        return "à une date inconnue"
    return pd.Timestamp(info["built_at"]).tz_convert("UTC").strftime("%d/%m/%Y à %H:%M (UTC)")


def build_log_display(log: pd.DataFrame) -> pd.DataFrame:
    """The build log (`build_log`) with French step names and headers."""
    return log.assign(step=log["step"].map(BUILD_STEPS).fillna(log["step"])).rename(
        columns={"step": "Étape", "message": "Message"})


def audit_display(audit: pd.DataFrame) -> tuple[pd.DataFrame, bytes]:
    """The zonage publications' log (`userdata.audit_log`, not empty) as the page's table — the
    last AUDIT_SHOWN entries, CODES_SHOWN codes each, what editors typed escaped (st.table
    renders markdown), dated by « Date » — and as CSV bytes with every entry and code."""
    audit = audit.assign(logged_at=pd.to_datetime(audit["logged_at"]).dt.strftime("%d/%m/%Y %H:%M:%S"))
    full = audit.assign(commune_codes=[" ".join(codes) for codes in audit["commune_codes"]])
    shown = audit.head(AUDIT_SHOWN).assign(**{c: audit[c].head(AUDIT_SHOWN).map(md_escape, na_action="ignore")
                                              for c in ("editor", "source", "file_name")})
    shown = shown.assign(commune_codes=[
        ", ".join(codes[:CODES_SHOWN]) + (f" … et {len(codes) - CODES_SHOWN} autres" if len(codes) > CODES_SHOWN else "")
        for codes in audit["commune_codes"].head(AUDIT_SHOWN)])
    table = french_table(shown[list(AUDIT_COLUMNS)], {"n_communes": 0}).rename(columns=AUDIT_COLUMNS).set_index("Date")
    return table, export_csv_bytes(full[list(AUDIT_COLUMNS)].rename(columns=AUDIT_COLUMNS), {})


def choice_from_url(param: str, options: list[str], default: str, unknown: str) -> str:
    """The option named by the URL parameter `param` (a shareable link), else `default`; an
    unknown value gets a French message, never an error (`unknown`: see `warn_bad_link`)."""
    value = st.query_params.get(param)
    if value is None:
        return default
    if value in options:
        return value
    warn_bad_link(value, unknown)
    return default


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def md_escape(text) -> str:
    """`text` shown as typed in Streamlit's markdown (messages, captions): a user's text or file
    content never becomes a link, an image (an outside request) or formatting."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def warn_bad_link(value: str, unknown: str) -> None:
    """Say that a link's value is not known; `unknown` is the whole French phrase, agreed by
    the caller (« Commune inconnue », « Indicateur inconnu »)."""
    shown = value[:40] + ("…" if len(value) > 40 else "")
    st.warning(f"{unknown} dans le lien : « {md_escape(shown)} ». Affichage par défaut.",
               icon=":material/warning:")


def departement_outlines(region: str) -> dict:
    return outline_collection(cached_query("departement_outlines", region=region)["geometry"])


def commune_picker(key: str, label: str, apl_only: bool = True, hint: bool = True) -> str | None:
    """A search box (accent-insensitive; name, postal, INSEE or former code) and its suggestions;
    returns the chosen code, or None after saying why in French. `apl_only`: arrondissements
    instead of Paris, Lyon and Marseille as a whole; `hint`: say what to type while it is empty."""
    text = st.text_input(label, key=f"{key}_texte", max_chars=100, placeholder="ex. beauvoir sur mer, 85230 ou 85018")
    if not text.strip():
        if hint:
            st.info("Tapez le nom d'une commune (sans accents si vous voulez), son code postal ou son code INSEE.")
        return None
    found = search(connection(), text, apl_only=apl_only)
    if found.empty:
        st.warning(f"Aucune commune ne correspond à « {md_escape(text.strip()[:60])} ». Vérifiez l'orthographe, ou essayez "
                   "le code postal ou le code INSEE.", icon=":material/search_off:")
        return None
    for note in code_notes(found):
        st.caption(md_escape(note))
    labels = dict(zip(found["code"], found["label"]))
    return st.selectbox(count_text(found), list(labels), format_func=labels.get, key=f"{key}_choix")
