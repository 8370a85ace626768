"""The one file uploader of every page. Streamlit writes its drop zone in English (« Drag and
drop a file here », « Upload », « Limit 60MB per file », a size such as « 80.0B ») and cannot be
told otherwise: the helper says in French, beside it, the accepted formats and the limit, and
refuses a file over the limit with a French message instead of letting a page parse it.

A drop-in for `st.file_uploader(label, type=types, key=key)`: returns the UploadedFile, or None
(no file, or a file refused here after saying why)."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from santecarte.core.files import MAX_UPLOAD_BYTES, size_fr, too_big_message
from santecarte.views.ui import md_escape


def server_limit_bytes() -> int:
    """Streamlit's own limit (`server.maxUploadSize`, in MB): a bigger file is stopped by the
    browser before it is sent, with Streamlit's English message."""
    return int(st.get_option("server.maxUploadSize")) * 1024**2


def formats_fr(types: Sequence[str]) -> str:
    """« .csv, .txt ou .geojson »."""
    names = [f".{t.lstrip('.').lower()}" for t in types]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " ou " + names[-1]


def uploader_caption(types: Sequence[str], limit: int) -> str:
    server = server_limit_bytes()
    text = (f"Formats acceptés : {formats_fr(types)} ; au plus {size_fr(min(limit, server))} par fichier. "
            "Glissez le fichier dans le cadre ou cliquez sur « Upload » pour le choisir (textes de Streamlit, "
            "en anglais")
    if limit < server:
        text += f" ; la limite de {size_fr(server)} qui y est écrite est celle du serveur"
    return text + f"). Un fichier de plus de {size_fr(server)} est arrêté par le navigateur avant l'envoi."


def french_file_uploader(label: str, types: Sequence[str], key: str | None = None,
                         max_bytes: int = MAX_UPLOAD_BYTES):
    """`st.file_uploader` with, beside it, its formats and limit in French; a file over
    `max_bytes` is refused with a French message (and None is returned)."""
    upload = st.file_uploader(label, type=list(types), key=key)
    st.caption(uploader_caption(types, max_bytes))
    if upload is None:
        return None
    limit = min(max_bytes, server_limit_bytes())
    if upload.size > limit:
        st.error(f"Fichier « {md_escape(upload.name[:60])} » refusé. {too_big_message(upload.size, limit)}",
                 icon=":material/error:")
        return None
    st.caption(f"Fichier reçu : « {md_escape(upload.name[:60])} », {size_fr(upload.size)}.")
    return upload
