"""Build the DuckDB database from the raw open data.

Writes `santecarte.duckdb.tmp` and renames it over the database only when every step has
succeeded, so a failed or interrupted build leaves the previous database intact. Rerunning
gives the same tables (idempotent). `progress(fraction, label)` reports each step, for the
terminal bar and for `st.progress` in the app.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core import config, db
from santecarte.core.numbers import format_fr
from santecarte.core.professions import PROFESSIONS
from santecarte.pipeline import apl as apl_ingest
from santecarte.pipeline import our_apl, supply, terrain, territories
from santecarte.pipeline.cog import to_current
from santecarte.pipeline.geography import load_geography
from santecarte.pipeline.network_inputs import load_units
from santecarte.pipeline.readers import RawDataError
from santecarte.pipeline.sources import DATASETS

Progress = Callable[[float, str], None]

TABLES = ["regions", "departements", "epci", "bassins_vie", "communes", "codes_postaux", "cog_old_codes", "apl",
          "apl_territory_means",
          "gp_sites", "gp_departement", "cpts", "cpts_communes", "zonage_communes", "zonage_qpv", "zonage_infirmiers", "msp",
          "commune_terrain", "land_masses", "apl_santecarte", "accessibility_runs", "sources", "build_log"]


class Builder:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.log: list[tuple[str, str]] = []
        self.geo = None

    def note(self, step: str, message: str) -> None:
        self.log.append((step, message))

    def insert(self, table: str, df: pd.DataFrame, geometry: dict[str, str] | None = None) -> None:
        """Insert `df` by column name; `geometry` maps a table column to a WKB column of df."""
        cols = [c for c in self.con.execute(f"SELECT * FROM {table} LIMIT 0").df().columns]
        exprs = []
        for c in cols:
            if geometry and c in geometry:
                exprs.append(f"ST_GeomFromWKB({geometry[c]})")
            elif c in df.columns:
                exprs.append(f'"{c}"')
            else:
                exprs.append("NULL")
        self.con.register("incoming", df)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM incoming")
        finally:
            self.con.unregister("incoming")

    def current_codes(self, codes: pd.Series, step: str, what: str) -> pd.Series:
        """Codes put on the current COG (cog.to_current), with what was mapped or dropped logged."""
        known = set(self.geo.communes["code"])
        old = dict(zip(self.geo.old_codes["old_code"], self.geo.old_codes["code"]))
        out = to_current(codes, known, old)
        stale = ~codes.isin(known)
        if stale.any():
            pairs = sorted({f"{a}→{b if isinstance(b, str) else 'écarté'}" for a, b in zip(codes[stale], out[stale])})
            self.note(step, f"{what} : {format_fr(int(stale.sum()), 0)} lignes sur un ancien code ({', '.join(pairs[:20])})")
        return out

    # --- steps ---------------------------------------------------------------------------------
    def geography(self) -> None:
        g = self.geo = load_geography()
        self.insert("regions", g.regions, {"geom": "geom_wkb"})
        self.insert("departements", g.departements, {"geom": "geom_wkb"})
        self.insert("epci", g.epci)
        self.insert("bassins_vie", g.bassins_vie)
        self.insert("communes", g.communes, {"geom": "geom_wkb", "geom_display": "geom_display_wkb",
                                              "geom_light": "geom_light_wkb"})
        self.insert("codes_postaux", g.codes_postaux)
        self.insert("cog_old_codes", g.old_codes)
        for n in g.notes:
            self.note("communes", n)

    def apl(self) -> None:
        c = self.geo.communes
        units = set(c.loc[c["apl_unit"], "code"])
        old = dict(zip(self.geo.old_codes["old_code"], self.geo.old_codes["code"]))
        table, lines = apl_ingest.load_apl(units, old)
        self.insert("apl", table)
        self.insert("apl_territory_means", apl_ingest.territory_means(table, c))
        for line in lines:
            self.note("apl", line)
        for (profession, year), rows in table.groupby(["profession", "year"]):
            missing = sorted(units - set(rows["code"]))
            self.note("apl", f"APL {year} {PROFESSIONS[profession].label.lower()} : {format_fr(len(missing), 0)} communes courantes sans valeur "
                             f"publiée (Mayotte, communes recréées ou sans habitant) : {', '.join(missing)}")

    def gp_sites(self) -> None:
        idf = supply.load_gp_sites_idf()
        c = self.geo.communes
        places = self.geo.codes_postaux.merge(c[["code", "nom_search", "kind", "parent_code"]],
                                              left_on="commune_code", right_on="code").drop(columns="code")
        national, lines = supply.load_gp_sites_national(places)
        sites = pd.concat([f for f in (idf, national) if len(f)], ignore_index=True)
        sites["commune_code"] = self.current_codes(sites["commune_code"], "gp_sites", "activités")
        self.insert("gp_sites", sites.dropna(subset=["commune_code"]))
        self.note("gp_sites", f"RPPS Île-de-France (août 2023) : {format_fr(len(idf), 0)} activités dans "
                              f"{format_fr(idf['commune_code'].nunique(), 0)} communes ou arrondissements")
        for line in lines:
            self.note("gp_sites", line)

    def gp_departement(self) -> None:
        self.insert("gp_departement", supply.load_gp_departement())

    def territories(self) -> None:
        cpts, members = territories.load_cpts()
        members["commune_code"] = self.current_codes(members["commune_code"], "cpts", "appartenances")
        members = members.dropna(subset=["commune_code"]).drop_duplicates(["cpts_id", "commune_code"])
        self.insert("cpts", cpts)
        self.insert("cpts_communes", members)
        self.note("cpts", f"{format_fr(len(cpts), 0)} CPTS, {format_fr(len(members), 0)} appartenances commune ou arrondissement")

        zon, qpv = territories.load_zonage()
        # A commune merged since the zonage was drawn: its row goes when the current commune has its own.
        stale = ~zon["commune_code"].isin(self.geo.communes["code"])
        zon["commune_code"] = self.current_codes(zon["commune_code"], "zonage", "communes du zonage")
        zon = zon[~(stale & zon["commune_code"].isin(zon.loc[~stale, "commune_code"]))].dropna(subset=["commune_code"])
        self.insert("zonage_communes", zon)
        qpv["commune_code"] = self.current_codes(qpv["commune_code"], "zonage", "QPV")
        self.insert("zonage_qpv", qpv.dropna(subset=["commune_code"]))
        self.insert("zonage_infirmiers", self.nurse_zonage())

    def nurse_zonage(self) -> pd.DataFrame:
        """The nurses' zonage on the current COG: a commune merged since keeps its own row, or the class
        its former communes share; where they disagree no class is stored (the ARS decides), and the
        log says so."""
        zon = territories.load_nurse_zonage()
        own = zon["code"].isin(self.geo.communes["code"])
        zon["code"] = self.current_codes(zon["code"], "zonage", "zonage infirmiers")
        zon = zon.dropna(subset=["code"])
        zon = zon[own.loc[zon.index] | ~zon["code"].isin(zon.loc[own, "code"])]
        classes = zon.groupby("code")["classe"].nunique()
        split = sorted(classes[classes > 1].index)
        if split:
            self.note("zonage", f"zonage infirmiers : anciennes communes de classes différentes, classe non retenue "
                                f"pour {', '.join(split)}")
        zon = zon[~zon["code"].isin(split)].drop_duplicates("code")
        self.note("zonage", f"zonage infirmiers : {format_fr(len(zon), 0)} communes ou arrondissements classés")
        return zon

    def msp(self) -> None:
        self.insert("msp", supply.load_msp())

    def terrain(self) -> None:
        rows, notes = terrain.load_terrain(self.geo.communes, lambda codes: self.current_codes(codes, "terrain", "relief"))
        self.insert("commune_terrain", rows)
        for n in notes:
            self.note("terrain", n)

    def accessibility(self) -> None:
        units = load_units(self.con)
        self.insert("land_masses", units[["code", "land_mass"]])
        rows, params = our_apl.compute(self.con, units)
        self.insert("apl_santecarte", rows)
        self.insert("accessibility_runs", pd.DataFrame([{"name": "apl_santecarte", "year": our_apl.YEAR,
                                                          "params": our_apl.params_json(params)}]))
        self.note("accessibility", f"APL SantéCarte {our_apl.YEAR} : {format_fr(len(rows), 0)} communes (régions "
                                   f"{', '.join(params['supply_regions'])}), dont {format_fr(int(rows['complete'].sum()), 0)} "
                                   f"dont tout le voisinage de {MAX_MINUTES_FR} min a son offre chargée ; "
                                   f"{format_fr(params['pairs'], 0)} couples")

    def sources(self) -> None:
        rows = []
        for ds in DATASETS:
            for f in ds.files:
                path = config.raw_dir() / f.path
                present = path.is_file()
                digest = _sha256(path) if present else None
                if present and f.sha256 and digest != f.sha256:
                    self.note("sources", f"{f.path} : empreinte différente du fichier de référence "
                                         f"(nouvelle publication ?) — {digest}")
                rows.append({"dataset": ds.key, "title": ds.title, "publisher": ds.publisher, "vintage": ds.vintage,
                             "licence": ds.licence, "page": ds.page, "coverage": ds.coverage, "file": f.path,
                             "present": present, "sha256": digest, "sha256_expected": f.sha256 or None})
        self.insert("sources", pd.DataFrame(rows))

    STEPS = [("Communes et contours", "geography"), ("APL de la DREES", "apl"),
             ("Lieux d'exercice des généralistes", "gp_sites"), ("Généralistes par département", "gp_departement"),
             ("CPTS et zonage", "territories"), ("Maisons et centres de santé", "msp"),
             ("Relief (zone de montagne, altitude)", "terrain"),
             ("APL SantéCarte (accessibilité)", "accessibility"), ("Sources et empreintes", "sources")]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@contextlib.contextmanager
def _build_lock():
    config.data_dir().mkdir(parents=True, exist_ok=True)
    with open(config.data_dir() / "build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build(progress: Progress | None = None, target: Path | None = None, if_missing: bool = False) -> dict[str, int]:
    """Build the database; returns row counts per table. Raises RawDataError on bad raw data.

    `if_missing`: do nothing when a complete database is there once the lock is held (two app
    sessions starting together build it once).
    """
    target = Path(target or config.db_path())
    progress = progress or (lambda fraction, label: None)
    with _build_lock():
        if if_missing and database_ready(target):
            return {}
        tmp = target.with_name(target.name + ".tmp")
        tmp.unlink(missing_ok=True)
        started = time.perf_counter()
        con = db.connect(tmp, read_only=False)
        try:
            con.execute(db.schema_sql("schema"))
            builder = Builder(con)
            for i, (label, method) in enumerate(Builder.STEPS):
                progress(i / len(Builder.STEPS), label)
                getattr(builder, method)()
            seconds = time.perf_counter() - started
            builder.insert("build_log", pd.DataFrame(builder.log, columns=["step", "message"]))
            info = {"built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "duckdb": duckdb.__version__, "seconds": f"{seconds:.1f}"}
            builder.insert("build_info", pd.DataFrame(info.items(), columns=["key", "value"]))
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
            con.execute("CHECKPOINT")
            con.close()
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, target)
        _write_log(builder.log, counts)
        progress(1.0, "Terminé")
        return counts


class BackgroundBuild:
    """A build of the database in a thread of its own, so it outlives the page that started it: a
    visitor closing the tab during the first start no longer throws the half-built base away.
    Pages read `fraction` and `label` while `done` is unset; `error` holds a RawDataError."""

    def __init__(self) -> None:
        self.fraction, self.label = 0.0, "Préparation…"
        self.error: Exception | None = None     # a RawDataError (bad raw file), or any other failure
        self.done = threading.Event()

    def _progress(self, fraction: float, label: str) -> None:
        self.fraction, self.label = min(max(fraction, 0.0), 1.0), label

    def run(self) -> None:
        try:
            build(self._progress, if_missing=True)
        except RawDataError as exc:
            self.error = exc
        except Exception as exc:  # noqa: BLE001 — any failure ends the wait of every page, said there
            logging.getLogger(__name__).exception("construction de la base")
            self.error = exc
        finally:
            self.done.set()


_background: dict[str, BackgroundBuild] = {}
_background_lock = threading.Lock()


def build_in_background() -> BackgroundBuild:
    """The build of this data folder under way, or a new one started (also after a failed one: the
    raw files may have been mended since). Every page of every session waits on the same build."""
    key = str(config.db_path())
    with _background_lock:
        job = _background.get(key)
        if job is None or (job.done.is_set() and job.error is not None):
            job = _background[key] = BackgroundBuild()
            threading.Thread(target=job.run, name="santecarte-build", daemon=True).start()
        return job


def _write_log(log: list[tuple[str, str]], counts: dict[str, int]) -> None:
    lines = [f"[{step}] {msg}" for step, msg in log] + [f"[lignes] {t}: {n}" for t, n in counts.items()]
    (config.data_dir() / "build.log").write_text("\n".join(lines) + "\n", encoding="utf-8")


def database_ready(path: Path | None = None) -> bool:
    """True when a complete database exists (a build swapped it in)."""
    path = Path(path or config.db_path())
    if not path.is_file():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)  # no spatial needed: a cheap check on every page run
        try:
            return con.execute("SELECT count(*) FROM build_info").fetchone()[0] > 0
        finally:
            con.close()
    except duckdb.Error:
        return False
