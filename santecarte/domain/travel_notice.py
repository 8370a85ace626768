"""The one line that says which travel times a 20-minute result rests on, wherever one is shown
(simulation, placement, profile and its PDF, « S'installer »): road times from the user's matrix,
or the model — and, in zone de montagne, that the times are modelled and how far off the model
was there on routed samples; where relief slows a commune the list leaves out (Corsica,
overseas), the same, and that a coast under high summits comes out too slow."""
from __future__ import annotations

from santecarte.core.numbers import format_fr
from santecarte.domain.travel import travel_times

MOUNTAIN_MEDIAN_ERROR_MIN = 3.0
MOUNTAIN_RIGHT_BAND = 0.86
"""Measured by `python bench/validate_times.py` on the routed pairs (under 30 min) of the Alsace
sample with an end in zone de montagne (Vosges valleys): median |error| 2.74 min, 85.7 % in the
right decay band (docs/validation.md)."""


def times_notice(con, codes) -> str:
    """French sentence for the communes `codes` (one commune, or a territory)."""
    times = travel_times(con)
    codes = list(codes)
    k = times.indices(codes)
    covered = len(k) > 0 and bool((k >= 0).all()) and bool(times.covers(k).all())
    if covered:
        return f"Temps de trajet : {times.source}."
    text = ("Temps de trajet modélisés (distance à vol d'oiseau corrigée de la densité et du relief, pas un calcul "
            "d'itinéraire)")
    if times.matrix is not None and len(times.matrix):
        text += " ; la matrice routière fournie ne couvre pas " + ("cette commune" if len(codes) == 1 else "tout ce territoire")
    mont, unlisted = times.terrain(codes)
    measured = (f"sur des trajets routés de montagne (vallées vosgiennes), l'écart médian du modèle est de "
                f"{format_fr(MOUNTAIN_MEDIAN_ERROR_MIN, 0)} minutes et {format_fr(MOUNTAIN_RIGHT_BAND * 100, 0)} % des "
                "trajets tombent dans la bonne tranche de temps")
    one = len(codes) == 1
    where = []
    if mont.any():
        where.append("Commune en zone de montagne" if one else
                     f"{format_fr(int(mont.sum()), 0)} commune(s) en zone de montagne")
    if unlisted.any():
        where.append("Commune de Corse ou d'outre-mer hors de la liste des zones de montagne, ralentie par le modèle "
                     "selon son altitude maximale" if one else
                     f"{format_fr(int(unlisted.sum()), 0)} commune(s) de Corse ou d'outre-mer hors de la liste des zones "
                     "de montagne, ralentie(s) par le modèle selon leur altitude maximale")
    if where:
        text += f". {' ; '.join(where)} : {measured}"
    if unlisted.any():
        text += " ; une commune littorale au pied de hauts sommets (La Réunion) en sort avec des temps surestimés"
    return text + "."
