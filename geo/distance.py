"""Distance between two points of the map, in kilometres: the one measure every stage uses.

>>> round(km_between((36.35, 43.16), (35.47, 44.39)))  # Mosul to Kirkuk
148
"""
from __future__ import annotations

from functools import lru_cache

from geopy.distance import great_circle


@lru_cache(maxsize=262_144)
def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """geopy's great-circle distance between two (lat, lon) points, memoised: a corpus names the
    same places again and again."""
    return great_circle(a, b).km
