"""Commune names as searched and matched: one key for « Beauvoir-sur-Mer », « beauvoir sur mer »
and « BEAUVOIR SUR MER »."""
from __future__ import annotations

import unicodedata


def search_key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name (« Beauvoir-sur-Mer » → « beauvoir sur mer »)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for ch in "-'’.,()/":
        text = text.replace(ch, " ")
    return " ".join(text.split())
