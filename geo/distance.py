"""Distance between two points of the map, in kilometres: the one measure every stage uses.

The formula is geopy's ``great_circle`` (the same operations, the same mean Earth radius, so the
same numbers): importing ``geopy.distance`` imports every geopy geocoder with it, about 80 ms of
each command's start (0.5 s in all), for three lines of trigonometry.

>>> round(km_between((36.35, 43.16), (35.47, 44.39)))  # Mosul to Kirkuk
148
"""
from __future__ import annotations

from functools import lru_cache
from math import atan2, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.009  # geopy.distance.EARTH_RADIUS, the mean radius


@lru_cache(maxsize=262_144)
def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (lat, lon) points, memoised: a corpus names the
    same places again and again."""
    lat1, lat2, delta_lon = radians(a[0]), radians(b[0]), radians(b[1]) - radians(a[1])
    sin_lat1, cos_lat1, sin_lat2, cos_lat2 = sin(lat1), cos(lat1), sin(lat2), cos(lat2)
    cos_delta, sin_delta = cos(delta_lon), sin(delta_lon)
    arc = atan2(sqrt((cos_lat2 * sin_delta) ** 2 + (cos_lat1 * sin_lat2 - sin_lat1 * cos_lat2 * cos_delta) ** 2),
                sin_lat1 * sin_lat2 + cos_lat1 * cos_lat2 * cos_delta)
    return EARTH_RADIUS_KM * arc


def far_from_all(point: tuple[float, float], points: list[tuple[float, float]], km: float) -> bool:
    """Whether ``point`` lies farther than ``km`` from every one of ``points`` (False when there
    are none): a place far from every place a text names is a namesake of the one meant.

    >>> far_from_all((36.35, 43.16), [(35.47, 44.39)], 100.0), far_from_all((36.35, 43.16), [], 100.0)
    (True, False)
    """
    return bool(points) and all(km_between(point, p) > km for p in points)
