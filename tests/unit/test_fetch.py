"""`python -m santecarte fetch` against a loopback HTTP server serving fixtures."""
import hashlib
import http.server
import io
import lzma
import tarfile
import threading
from functools import partial

import pytest

from santecarte.pipeline.fetch import FetchError, fetch
from santecarte.pipeline.sources import Dataset, Fetch, RawFile

PAYLOAD = b"code,nom\n85018,Beauvoir-sur-Mer\n"


@pytest.fixture()
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "file.csv").write_bytes(PAYLOAD)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("package/data/communes.json")
        info.size = len(PAYLOAD)
        tf.addfile(info, io.BytesIO(PAYLOAD))
    (root / "pkg.tgz").write_bytes(buf.getvalue())
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _dataset(*files):
    return Dataset(key="test", title="test", publisher="test", vintage="test", licence="test",
                   page="http://127.0.0.1/", files=files)


def test_fetch_direct_file_checks_sha256(server, tmp_path):
    sha = hashlib.sha256(PAYLOAD).hexdigest()
    ds = _dataset(RawFile("a/file.csv", sha, Fetch(f"{server}/file.csv")))
    report = fetch([ds], dest=tmp_path / "raw")
    assert (tmp_path / "raw/a/file.csv").read_bytes() == PAYLOAD
    assert report == [f"téléchargé : a/file.csv ({len(PAYLOAD)} octets)"]
    assert fetch([ds], dest=tmp_path / "raw") == ["déjà présent : a/file.csv"]


def test_fetch_archive_member_recompressed(server, tmp_path):
    ds = _dataset(RawFile("b/communes.json.xz", "", Fetch(f"{server}/pkg.tgz", member="package/data/communes.json",
                                                          compress="xz")))
    fetch([ds], dest=tmp_path / "raw")
    assert lzma.decompress((tmp_path / "raw/b/communes.json.xz").read_bytes()) == PAYLOAD


def test_fetch_wrong_checksum_leaves_nothing(server, tmp_path):
    ds = _dataset(RawFile("a/file.csv", "0" * 64, Fetch(f"{server}/file.csv")))
    with pytest.raises(FetchError, match="empreinte"):
        fetch([ds], dest=tmp_path / "raw")
    assert not (tmp_path / "raw/a/file.csv").exists()
    assert not list((tmp_path).rglob("*.part"))


def test_fetch_unreachable_and_manual_files(server, tmp_path):
    manual = _dataset(RawFile("c/manual.xlsx", ""))
    assert fetch([manual], dest=tmp_path / "raw") == ["à télécharger à la main : c/manual.xlsx — http://127.0.0.1/"]
    missing = _dataset(RawFile("a/none.csv", "", Fetch(f"{server}/none.csv")))
    with pytest.raises(FetchError, match="téléchargement impossible"):
        fetch([missing], dest=tmp_path / "raw")
