"""Travel times between communes without a road network: crow-flight distance, slowed by
density and by relief, calibrated on routed times (bench/validate_times.py, docs/validation.md),
and the neighbour search that keeps only pairs that can be under 20 minutes.

Model (one formula, parameters in `TravelModel`): t = (access + d / v(ρ)) × f, with d the crow
distance in km between the communes' points (town hall, else centroid), v a speed that falls
with density ρ (inhabitants per km², geometric mean of both ends): v = v_rural below ρ_low,
v_dense above ρ_high, log-linear in between; the fixed `access` minutes make short trips slow in
crow terms, as the routed samples show. f is the relief factor of the flatter end (travel.py):
exp(1.1 × min(max(altitude − 200 m, 0), 600 m) / 1,000 m + β_montagne × [zone de montagne]),
the altitude being the commune's maximum (IGN): roads up hills wind and climb, the plains (below
200 m: Gironde, Vendée, the Paris basin) keep the flat model, and from 800 m up a trip is 1.9
times slower in crow terms. The flatter end, because a valley town's roads serve the trips to it
(Vosges valleys down to the Rhine plain run at plain speed). The fit left β_montagne at 0: the
altitude already says it, and it also covers Corsica and overseas, which the zone de montagne
list leaves out. Within a commune: the mean distance between two points of a disc of the commune's
area (128 / (45π) × radius ≈ 0.905 r) at the same speed and relief, capped at
`INTRA_MAX_MINUTES`: people and practices gather in the bourg, so a uniform disc overstates trips
in the largest communes (Arles, Guyane), and METRIC — the DREES distancier — counts 0 minutes
within a commune.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

EARTH_RADIUS_KM = 6371.0088
INTRA_MAX_MINUTES = 9.5
"""A commune always reaches its own practices with the full weight (first decay band)."""


@dataclass(frozen=True)
class TravelModel:
    # Speeds fitted on half of the flat pairs (Grand Paris OSRM, Gironde METRIC) by the first
    # `--fit` of bench/validate_times.py; relief terms chosen by its current `--fit` on the
    # published Isère summary (SOURCE.md of times/), scored on Alsace, the towns and the
    # prefectures; see docs/validation.md.
    access_minutes: float = 2.5
    v_rural_kmh: float = 58.0
    v_dense_kmh: float = 50.0
    rho_low: float = 100.0
    rho_high: float = 10000.0
    relief_floor_m: float = 200.0
    relief_cap_m: float = 600.0
    relief_per_km: float = 1.1
    montagne: float = 0.0

    def speed_kmh(self, density) -> np.ndarray:
        rho = np.clip(np.asarray(density, dtype=float), self.rho_low, self.rho_high)
        share = (np.log(rho) - np.log(self.rho_low)) / (np.log(self.rho_high) - np.log(self.rho_low))
        return self.v_rural_kmh + share * (self.v_dense_kmh - self.v_rural_kmh)

    def log_relief(self, relief_m, montagne) -> np.ndarray:
        """Per commune: log of its relief factor (0 on the plains)."""
        lifted = np.clip(np.asarray(relief_m, dtype=float) - self.relief_floor_m, 0.0, self.relief_cap_m) / 1000.0
        return self.relief_per_km * lifted + self.montagne * np.asarray(montagne, dtype=float)

    def minutes(self, crow_km, density, log_relief=0.0) -> np.ndarray:
        """`density` and `log_relief` of the pair: geometric mean of ρ, the flatter end's log f."""
        flat = self.access_minutes + np.asarray(crow_km, dtype=float) / self.speed_kmh(density) * 60.0
        return flat * np.exp(log_relief)

    def intra_minutes(self, area_km2, density, log_relief=0.0) -> np.ndarray:
        radius = np.sqrt(np.asarray(area_km2, dtype=float) / np.pi)
        return np.minimum(self.minutes(128.0 / (45.0 * np.pi) * radius, density, log_relief), INTRA_MAX_MINUTES)

    def max_crow_km(self, minutes: float) -> float:
        """Crow distance beyond which no pair can be under `minutes` (fastest speed, no relief)."""
        return max(0.0, (minutes - self.access_minutes) / 60.0 * max(self.v_rural_kmh, self.v_dense_kmh))


def unit_xyz(lon, lat) -> np.ndarray:
    lon, lat = np.radians(np.asarray(lon, float)), np.radians(np.asarray(lat, float))
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    lon1, lat1, lon2, lat2 = map(lambda a: np.radians(np.asarray(a, float)), (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


def neighbour_pairs(lon, lat, radius_km: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All ordered pairs (i, j), i ≠ j, within `radius_km` crow-flight, with their distance.

    A k-d tree on unit-sphere coordinates: chord ≤ 2 sin(r / 2R) is the exact test for a
    great-circle distance ≤ r."""
    xyz = unit_xyz(lon, lat)
    tree = cKDTree(xyz)
    chord = 2.0 * np.sin(radius_km / (2.0 * EARTH_RADIUS_KM))
    pairs = tree.query_pairs(chord, output_type="ndarray")
    i = np.concatenate([pairs[:, 0], pairs[:, 1]])
    j = np.concatenate([pairs[:, 1], pairs[:, 0]])
    c = np.linalg.norm(xyz[i] - xyz[j], axis=1)
    return i, j, 2.0 * EARTH_RADIUS_KM * np.arcsin(np.clip(c / 2.0, 0.0, 1.0))
