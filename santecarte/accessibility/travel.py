"""One place defines travel times. Scenarios, placement, a profile's neighbours, the maisons de
santé within 20 minutes, our APL and `python -m santecarte times` all read them from here: the
user's road matrix (raw folder, times/matrice_utilisateur.csv) between two communes it covers,
the terrain-aware model (times.TravelModel) elsewhere.

Rules of the matrix (kept from the first version): a commune named in the matrix is covered;
between two covered communes only the matrix counts, so a pair it leaves out is beyond reach; a
pair with an uncovered commune keeps the model, so a regional matrix (one ARS's OSRM run) leaves
the rest of France as it was; a covered commune without its own pair keeps the model's
intra-commune time. The model never links two land masses (islands without a bridge)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES
from santecarte.accessibility.network import Network
from santecarte.accessibility.times import TravelModel, haversine_km, neighbour_pairs

MODEL_LABEL = "modèle SantéCarte (vol d'oiseau corrigé de la densité et du relief)"


@dataclass(frozen=True, eq=False)
class TravelTimes:
    """Immutable once built: its arrays are derived from `units`, `model` and `matrix`, and its
    network is computed once (`network()`)."""

    units: pd.DataFrame                      # code, lon, lat, density, area_km2, land_mass, relief_m, zone_montagne
    model: TravelModel = field(default_factory=TravelModel)
    matrix: pd.DataFrame | None = None       # from, to (current codes), minutes
    _index: pd.Index = field(init=False, repr=False)

    def __post_init__(self) -> None:
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731 (frozen: set once, here)
        set_("units", self.units.reset_index(drop=True))
        set_("_index", pd.Index(self.units["code"].to_numpy()))
        u = self.units
        mont = u["zone_montagne"].astype("boolean").fillna(False).to_numpy(bool) if "zone_montagne" in u else 0.0
        relief = u["relief_m"].fillna(0.0).to_numpy(float) if "relief_m" in u else 0.0
        set_("_log_f", np.broadcast_to(self.model.log_relief(relief, mont), (len(u),)).astype(float))
        set_("_rho", u["density"].to_numpy(float))
        set_("_mass", u["land_mass"].to_numpy())
        set_("_lon", u["lon"].to_numpy(float))
        set_("_lat", u["lat"].to_numpy(float))
        set_("_intra", self.model.intra_minutes(u["area_km2"].to_numpy(float), self._rho, self._log_f))
        n = len(u)
        covered, has_self = np.zeros(n, bool), np.zeros(n, bool)
        keys, key_minutes = np.empty(0, np.int64), np.empty(0, float)
        if self.matrix is not None and len(self.matrix):
            i, j = self.indices(self.matrix["from"]), self.indices(self.matrix["to"])
            covered[i] = covered[j] = True
            has_self[i[i == j]] = True
            keys = i.astype(np.int64) * n + j
            order = np.argsort(keys, kind="stable")
            keys, key_minutes = keys[order], self.matrix["minutes"].to_numpy(float)[order]
        set_("_covered", covered)
        set_("_has_self", has_self)
        set_("_keys", keys)
        set_("_key_minutes", key_minutes)

    @property
    def source(self) -> str:
        """Which times are used, in French, for the pages and the build log."""
        if self.matrix is None or not len(self.matrix):
            return MODEL_LABEL
        covered = int(self._covered.sum())
        return f"matrice routière fournie ({len(self.matrix)} couples, {covered} communes), {MODEL_LABEL} ailleurs"

    def params(self) -> dict:
        return {"travel": self.source, "travel_model": asdict(self.model)}

    def indices(self, codes) -> np.ndarray:
        """Positions of `codes` among the units; -1 for a code that is not a unit."""
        return self._index.get_indexer(pd.Index(np.asarray(codes, dtype=object)))

    def covers(self, k) -> np.ndarray:
        """Per unit position: the user's matrix gives its road times."""
        return self._covered[np.asarray(k, np.int64)]

    def terrain(self, codes) -> tuple[np.ndarray, np.ndarray]:
        """Per code: classed in zone de montagne; and slowed by relief although the list does not
        class it (Corsica, overseas: not in the list, so unknown)."""
        k = self.indices(codes)
        known = k >= 0
        mont = pd.array([pd.NA] * len(k), dtype="boolean")
        if "zone_montagne" in self.units:
            mont[known] = self.units["zone_montagne"].astype("boolean").to_numpy()[k[known]]
        slowed = np.zeros(len(k), bool)
        slowed[known] = self._log_f[k[known]] > 0
        return mont.fillna(False).to_numpy(bool), slowed & np.asarray(mont.isna())

    def model_minutes(self, i, j, km) -> np.ndarray:
        """The model alone between units i and j for crow distances `km` (no matrix, no
        intra-commune rule): what bench/validate_times.py scores against routed samples."""
        return self.model.minutes(km, np.sqrt(self._rho[i] * self._rho[j]), np.minimum(self._log_f[i], self._log_f[j]))

    def pair_minutes(self, i, j, km=None) -> np.ndarray:
        """Minutes from unit i to unit j (arrays of positions), exactly as the engine uses them:
        the matrix where it decides, else the model; inf between land masses the model cannot
        link and for a pair a matrix leaves out."""
        i, j = np.asarray(i, np.int64), np.asarray(j, np.int64)
        if km is None:
            km = haversine_km(self._lon[i], self._lat[i], self._lon[j], self._lat[j])
        out = self.model_minutes(i, j, km)
        same = i == j
        out[same] = self._intra[i[same]]
        out[self._mass[i] != self._mass[j]] = np.inf
        if len(self._keys):
            decided = self._covered[i] & self._covered[j] & (~same | self._has_self[i])
            keys = i * len(self.units) + j
            pos = np.clip(np.searchsorted(self._keys, keys), 0, len(self._keys) - 1)
            found = self._keys[pos] == keys
            out[decided] = np.inf
            out[decided & found] = self._key_minutes[pos[decided & found]]
        return out

    def network(self) -> Network:
        """Every pair under 20 minutes, each unit to itself included (the engine's catchment).
        Computed once per instance (about 0.7 s for France) and shared: its arrays are read-only."""
        return self._network

    @cached_property
    def _network(self) -> Network:
        i, j, km = neighbour_pairs(self._lon, self._lat, self.model.max_crow_km(MAX_MINUTES))
        if len(self._keys):
            n = len(self.units)
            extra = np.setdiff1d(self._keys, i.astype(np.int64) * n + j)
            extra = extra[extra // n != extra % n]  # each unit to itself comes once, below
            i, j = np.concatenate([i, extra // n]), np.concatenate([j, extra % n])
            km = None
        diag = np.arange(len(self.units))
        i, j = np.concatenate([i, diag]), np.concatenate([j, diag])
        minutes = self.pair_minutes(i, j, None if km is None else np.concatenate([km, np.zeros(len(diag))]))
        keep = minutes < MAX_MINUTES
        pairs = i[keep], j[keep], minutes[keep]
        for a in pairs:
            a.setflags(write=False)
        return Network(self.units, *pairs)

    def reachable_from(self, k: int, minutes: float = MAX_MINUTES) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Units reached from unit k in under `minutes` (itself included): positions, crow km,
        minutes — the same times as `network()`, one origin at a time (a few milliseconds)."""
        km = haversine_km(self._lon[k], self._lat[k], self._lon, self._lat)
        near = np.flatnonzero(km <= self.model.max_crow_km(minutes)) if not self._covered[k] else np.arange(len(km))
        t = self.pair_minutes(np.full(len(near), k), near, km[near])
        keep = t < minutes
        return near[keep], np.where(near[keep] == k, 0.0, km[near][keep]), t[keep]
