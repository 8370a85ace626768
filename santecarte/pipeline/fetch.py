"""Download the raw files from their official addresses (for a user with internet).

Each file is written to a temporary name and renamed once complete and checked, so an
interrupted download never leaves a half file behind.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import lzma
import os
import tarfile
import urllib.request
import zipfile
from pathlib import Path
from typing import Callable, Iterable

from santecarte.core import config
from santecarte.pipeline.sources import DATASETS, Dataset, Fetch

MAX_DOWNLOAD_BYTES = 2 * 1024**3


class FetchError(Exception):
    pass


def _download(url: str, opener: Callable) -> bytes:
    try:
        with opener(url, timeout=120) as resp:
            data = resp.read(MAX_DOWNLOAD_BYTES + 1)
    except OSError as exc:
        raise FetchError(f"téléchargement impossible de {url} : {exc}") from exc
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise FetchError(f"{url} dépasse {MAX_DOWNLOAD_BYTES} octets")
    return data


def _member(archive: bytes, url: str, member: str) -> bytes:
    try:
        if url.endswith((".whl", ".zip")):
            with zipfile.ZipFile(io.BytesIO(archive)) as zf:
                return zf.read(member)
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:*") as tf:
            fh = tf.extractfile(member)
            if fh is None:
                raise KeyError(member)
            return fh.read()
    except (KeyError, zipfile.BadZipFile, tarfile.TarError) as exc:
        raise FetchError(f"{member} introuvable dans l'archive {url} ({exc})") from exc


def _compress(data: bytes, how: str | None) -> bytes:
    if how == "xz":
        return lzma.compress(data, preset=9)
    if how == "gzip":
        return gzip.compress(data, mtime=0)
    return data


def fetch(datasets: Iterable[Dataset] = DATASETS, dest: Path | None = None,
          opener: Callable = urllib.request.urlopen, force: bool = False) -> list[str]:
    """Fetch every file that has an official address; returns one report line per file."""
    dest = Path(dest or config.raw_dir())
    archives: dict[str, bytes] = {}
    report = []
    for ds in datasets:
        for f in ds.files:
            target = dest / f.path
            if not f.fetch:
                report.append(f"à télécharger à la main : {f.path} — {ds.page}")
                continue
            if target.is_file() and not force:
                report.append(f"déjà présent : {f.path}")
                continue
            how: Fetch = f.fetch
            if how.url not in archives:
                archives[how.url] = _download(how.url, opener)
            data = archives[how.url]
            if how.member:
                data = _member(data, how.url, how.member)
            data = _compress(data, how.compress)
            # Re-compressed bytes differ from the snapshot's; the check applies to files kept as published.
            if f.sha256 and not how.compress:
                digest = hashlib.sha256(data).hexdigest()
                if digest != f.sha256:
                    raise FetchError(f"{f.path} : empreinte {digest} différente de l'attendue {f.sha256}")
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            report.append(f"téléchargé : {f.path} ({len(data)} octets)")
    return report
