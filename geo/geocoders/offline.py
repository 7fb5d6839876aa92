"""The project's gazetteer as a geopy geocoder: no network, ever."""
from __future__ import annotations

import math

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex, default_index, is_curated
from geo.model import Place
from geo.geoparse.normalize import name_key


def _prior(place: Place) -> float:
    """Context-free ranking: curated theatre places first, then population."""
    return (3.0 if is_curated(place.id) else 0.0) + (2.0 if place.country in THEATRE_COUNTRIES else 0.0) \
        + math.log10(place.population + 1) / 4.0


def place_to_location(place: Place) -> Location:
    raw = {"place_id": place.id, "name": place.name, "kind": place.kind, "country": place.country,
           "population": place.population, "arabic": place.arabic}
    return Location(f"{place.name}, {place.country}" if place.country else place.name,
                    Point(place.lat, place.lon), raw)


class OfflineGazetteer(Geocoder):
    """Looks names up in the compiled gazetteer, spelling variants included."""

    def __init__(self, index: GazetteerIndex | None = None) -> None:
        super().__init__()
        self._index = index

    @property
    def index(self) -> GazetteerIndex:
        if self._index is None:
            self._index = default_index()
        return self._index

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None, limit: int = 10):
        """``Location`` (or a list of them, best first) for ``query``; None when unknown."""
        candidates = sorted(self.index.candidates(name_key(query)), key=_prior, reverse=True)
        locations = [place_to_location(p) for p in candidates[:limit]]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, timeout=None):
        raise NotImplementedError("the offline gazetteer does not reverse-geocode")
