"""Which communes can reach each other by road: land masses from polygon connectivity, joined
by a curated list of fixed links (bridges, causeways). An island without a fixed link (Île
d'Yeu, Belle-Île, Ouessant, Bréhat, Corsica…) never draws on another land mass by
crow-flight; the DROM are their own land masses too."""
from __future__ import annotations

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

TOUCH_DEG = 0.001
"""Polygons closer than ≈ 100 m count as touching: the simplified contours leave slivers
between neighbours, while the narrowest strait of an island without a bridge is wider."""

FIXED_LINKS: tuple[tuple[str, str, str, str, str], ...] = (
    # (island commune, its name, mainland commune, its name, the link)
    ("17297", "Rivedoux-Plage", "17300", "La Rochelle", "pont de l'île de Ré (1988)"),
    ("17093", "Le Château-d'Oléron", "17058", "Bourcefranc-le-Chapus", "pont de l'île d'Oléron (1966)"),
    ("85011", "Barbâtre", "85012", "La Barre-de-Monts", "pont de Noirmoutier (1971)"),
    ("97103", "Baie-Mahault", "97101", "Les Abymes", "ponts de la Rivière Salée (Guadeloupe)"),
)


def land_masses(codes: np.ndarray, names: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """A land-mass label per commune: connected components of touching polygons plus fixed links.

    Communes without a polygon get a label of their own. Raises ValueError when a fixed link
    names a code that is not the commune expected (a COG change to review)."""
    n = len(codes)
    index = {c: k for k, c in enumerate(codes)}
    has_geom = ~shapely.is_missing(geoms)
    tree = shapely.STRtree(geoms[has_geom])
    where = np.flatnonzero(has_geom)
    left, right = tree.query(geoms[has_geom], predicate="dwithin", distance=TOUCH_DEG)
    i, j = where[left], where[right]
    links_i, links_j = [], []
    for island, island_name, main, main_name, _ in FIXED_LINKS:
        for code, name in ((island, island_name), (main, main_name)):
            if code in index and names[index[code]] != name:
                raise ValueError(f"lien fixe : le code {code} n'est plus {name} ({names[index[code]]})")
        if island in index and main in index:
            links_i.append(index[island])
            links_j.append(index[main])
    i = np.concatenate([i, links_i]).astype(int)
    j = np.concatenate([j, links_j]).astype(int)
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels
