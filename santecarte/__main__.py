"""Command line: `python -m santecarte build`, `python -m santecarte fetch`,
`python -m santecarte times PAIRS.csv` (the engine's minutes for pairs of communes, as CSV on
standard output; santecarte/domain/pairs.py) and `python -m santecarte editeur ajouter|retirer|liste`
(local editor accounts)."""
from __future__ import annotations

import argparse
import os
import re
import sys
import time

from tqdm import tqdm


def _build() -> int:
    from santecarte.core import config
    from santecarte.pipeline.build import build
    from santecarte.pipeline.readers import RawDataError

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
    from santecarte.pipeline.fetch import FetchError, fetch

    try:
        for line in fetch(force=force):
            print(line)
    except FetchError as exc:
        print(f"Échec du téléchargement : {exc}", file=sys.stderr)
        return 2
    return 0


def _read_password() -> str:
    """From the terminal (asked twice, not echoed) or, piped, the first line of standard input."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Mot de passe (confirmation) : ") != first:
        raise ValueError("Les deux mots de passe diffèrent.")
    return first


def _editor(action: str, email: str | None) -> int:
    from santecarte.domain import auth

    path = auth.editors_file()
    try:
        if action == "liste":
            for known in auth.editor_emails(path):
                print(known)
            return 0
        if action == "ajouter":
            email = auth.add_editor(email, _read_password(), path)
            print(f"Compte éditeur enregistré : {email} (fichier {path}).")
            return 0
        if not auth.remove_editor(email, path):
            print(f"Aucun compte éditeur « {email} » dans {path}.", file=sys.stderr)
            return 2
        print(f"Compte éditeur retiré : {auth.normalise_email(email)}.")
        return 0
    except ValueError as exc:  # EditorError, or two passwords that differ
        print(f"Échec : {exc}", file=sys.stderr)
        return 2


class _FrenchHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class _FrenchParser(argparse.ArgumentParser):
    """argparse speaking French: its usage line, its help option and its errors (an analyst types
    these commands; argparse's own words are English and Python ships no translation)."""

    ERRORS = (("the following arguments are required: ", "argument(s) obligatoire(s) manquant(s) : "),
              ("unrecognized arguments: ", "argument(s) inconnu(s) : "), ("invalid choice: ", "choix inconnu : "),
              ("(choose from ", "(choix possibles : "), ("expected one argument", "une valeur est attendue"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _FrenchHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "arguments", "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide")

    def error(self, message: str):
        for english, french in self.ERRORS:
            message = message.replace(english, french)
        message = re.sub(r"^argument (\S+): ", r"argument « \1 » : ", message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _FrenchParser(prog="python -m santecarte", description="SantéCarte : données et base")
    parser.add_argument("--raw", help="dossier des fichiers bruts (sinon SANTECARTE_RAW_DIR, ou data/raw/)")
    sub = parser.add_subparsers(dest="commande", required=True)
    sub.add_parser("build", help="construire la base DuckDB depuis les fichiers bruts")
    f = sub.add_parser("fetch", help="télécharger les fichiers bruts depuis les adresses officielles")
    f.add_argument("--force", action="store_true", help="retélécharger même les fichiers présents")
    t = sub.add_parser("times", help="temps de trajet du moteur pour des couples de communes (CSV from,to → "
                       "from,to,minutes sur la sortie standard)")
    t.add_argument("pairs", metavar="PAIRS.csv", help="CSV avec l'en-tête from,to (codes INSEE)")
    e = sub.add_parser("editeur", help="comptes éditeurs locaux (SANTECARTE_EDITORS_FILE, sinon data/editeurs.toml)")
    e_sub = e.add_subparsers(dest="action", required=True)
    e_sub.add_parser("ajouter", help="créer un compte ou changer son mot de passe (lu sur l'entrée standard)"
                     ).add_argument("email")
    e_sub.add_parser("retirer", help="supprimer un compte").add_argument("email")
    e_sub.add_parser("liste", help="lister les comptes")
    args = parser.parse_args(argv)
    if args.raw:
        os.environ["SANTECARTE_RAW_DIR"] = args.raw
    if args.commande == "times":
        from santecarte.domain.pairs import command

        return command(args.pairs)
    if args.commande == "editeur":
        return _editor(args.action, getattr(args, "email", None))
    return _build() if args.commande == "build" else _fetch(args.force)


if __name__ == "__main__":
    sys.exit(main())
