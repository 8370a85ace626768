"""Travel times between communes without a road network: a crow-flight model, calibrated on
routed times (bench/validate_times.py), and the neighbour search that keeps only pairs that
can be under 20 minutes.

Model (one formula, parameters in `CrowFlightModel`): t = access + d / v(ρ), with d the crow
distance in km between the communes' points (town hall, else centroid) and v a speed that
rises with distance implicitly (the fixed `access` minutes make short trips slow in crow
terms, as the routed samples show) and falls with density ρ (inhabitants per km², geometric
mean of both ends): v = v_rural below ρ_low, v_dense above ρ_high, log-linear in between.
Within a commune: the mean distance between two points of a disc of the commune's area
(128 / (45π) × radius ≈ 0.905 r) at the same speed, capped at `INTRA_MAX_MINUTES`: people and
practices gather in the bourg, so a uniform disc overstates trips in the largest communes
(Arles, Guyane), and METRIC — the DREES distancier — counts 0 minutes within a commune.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

EARTH_RADIUS_KM = 6371.0088
INTRA_MAX_MINUTES = 9.5
"""A commune always reaches its own practices with the full weight (first decay band)."""


@dataclass(frozen=True)
class CrowFlightModel:
    # Fitted by `python bench/validate_times.py --fit` (worst of Grand Paris OSRM and Gironde
    # METRIC, on half of the pairs); see docs/validation.md for the scores.
    access_minutes: float = 2.5
    v_rural_kmh: float = 58.0
    v_dense_kmh: float = 50.0
    rho_low: float = 100.0
    rho_high: float = 10000.0

    def speed_kmh(self, density) -> np.ndarray:
        rho = np.clip(np.asarray(density, dtype=float), self.rho_low, self.rho_high)
        share = (np.log(rho) - np.log(self.rho_low)) / (np.log(self.rho_high) - np.log(self.rho_low))
        return self.v_rural_kmh + share * (self.v_dense_kmh - self.v_rural_kmh)

    def minutes(self, crow_km, density) -> np.ndarray:
        return self.access_minutes + np.asarray(crow_km, dtype=float) / self.speed_kmh(density) * 60.0

    def intra_minutes(self, area_km2, density) -> np.ndarray:
        radius = np.sqrt(np.asarray(area_km2, dtype=float) / np.pi)
        return np.minimum(self.minutes(128.0 / (45.0 * np.pi) * radius, density), INTRA_MAX_MINUTES)

    def max_crow_km(self, minutes: float) -> float:
        """Crow distance beyond which no pair can be under `minutes` (fastest speed)."""
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
