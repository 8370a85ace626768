"""Command line: `python -m santecarte build` and `python -m santecarte fetch`."""
from __future__ import annotations

import argparse
import os
import sys
import time

from tqdm import tqdm


def _build() -> int:
    from santecarte import config
    from santecarte.build import build
    from santecarte.ingest.readers import RawDataError

    print(f"Construction de la base {config.db_path()} depuis {config.raw_dir()}")
    started = time.perf_counter()
    with tqdm(total=100, unit="%", bar_format="{l_bar}{bar}| {elapsed}") as bar:
        def progress(fraction: float, label: str) -> None:
            bar.set_description(label)
            bar.update(round(fraction * 100) - bar.n)
        try:
            counts = build(progress)
        except RawDataError as exc:
            bar.close()
            print(f"\nÉchec de la construction : {exc}\nLa base précédente est intacte.", file=sys.stderr)
            return 2
    print(f"Base construite en {time.perf_counter() - started:.1f} s ; journal : {config.data_dir() / 'build.log'}")
    for table, n in counts.items():
        print(f"  {table:<16} {n:>8}")
    return 0


def _fetch(force: bool) -> int:
    from santecarte.fetch import FetchError, fetch

    try:
        for line in fetch(force=force):
            print(line)
    except FetchError as exc:
        print(f"Échec du téléchargement : {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m santecarte", description="SantéCarte : données et base")
    parser.add_argument("--raw", help="dossier des fichiers bruts (sinon SANTECARTE_RAW_DIR, ou data/raw/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="construire la base DuckDB depuis les fichiers bruts")
    f = sub.add_parser("fetch", help="télécharger les fichiers bruts depuis les adresses officielles")
    f.add_argument("--force", action="store_true", help="retélécharger même les fichiers présents")
    args = parser.parse_args(argv)
    if args.raw:
        os.environ["SANTECARTE_RAW_DIR"] = args.raw
    return _build() if args.command == "build" else _fetch(args.force)


if __name__ == "__main__":
    sys.exit(main())
