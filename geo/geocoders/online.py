"""Opt-in online geocoding: Nominatim behind geopy's RateLimiter and a persistent SQLite cache.

Never used by default and never by tests: the offline gazetteer is the project's path.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.geoparse.gazetteer import cache_dir

USER_AGENT = "geo-conflict-map/0.1 (offline-first conflict mapping)"


class CachedGeocoder(Geocoder):
    """Wraps any geopy geocoder: answers from an SQLite cache, asks the service at most once a second."""

    def __init__(self, inner: Geocoder, path: Path | None = None, min_delay_seconds: float = 1.0) -> None:
        super().__init__()
        self.inner = inner
        self.path = path or cache_dir() / "online-geocoder.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, json TEXT)")
        self._limited = RateLimiter(inner.geocode, min_delay_seconds=min_delay_seconds, max_retries=1)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        row = self._db.execute("SELECT json FROM answers WHERE query = ?", (query,)).fetchone()
        if row is None:
            found = self._limited(query, exactly_one=False) or []
            answers = [{"address": l.address, "lat": l.latitude, "lon": l.longitude, "raw": l.raw} for l in found]
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (query, json.dumps(answers)))
            self._db.commit()
        else:
            answers = json.loads(row[0])
        locations = [Location(a["address"], Point(a["lat"], a["lon"]), a["raw"]) for a in answers]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


class FallbackGeocoder(Geocoder):
    """Asks each geocoder in turn; the first answer wins."""

    def __init__(self, *geocoders: Geocoder) -> None:
        super().__init__()
        self.geocoders = geocoders

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        for geocoder in self.geocoders:
            found = geocoder.geocode(query, exactly_one=exactly_one)
            if found:
                return found
        return None


def online_fallback(offline: Geocoder) -> FallbackGeocoder:
    """The offline gazetteer first, then Nominatim (rate-limited, cached)."""
    from geopy.geocoders import Nominatim

    return FallbackGeocoder(offline, CachedGeocoder(Nominatim(user_agent=USER_AGENT)))
