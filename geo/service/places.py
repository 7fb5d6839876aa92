"""Looking places up: in the gazetteer (through geopy's interface, Nominatim opt-in), the values
a re-placed mention takes, the candidates for a name, the sources of the place data."""
from __future__ import annotations

import time
from pathlib import Path

from geo.workspace import Workspace


def geocode(name: str, online: bool = False) -> list[dict]:
    """The places named ``name``, each once (address, lat, lon, place_id, kind, country); with
    ``online``, Nominatim answers what the gazetteer does not."""
    from geo.geocoders import OfflineGazetteer, online_fallback

    geocoder = online_fallback(OfflineGazetteer()) if online else OfflineGazetteer()
    found: dict[str, dict] = {}
    for location in geocoder.geocode(name, exactly_one=False) or []:
        raw = location.raw or {}
        key = raw.get("place_id") or f"{location.latitude},{location.longitude}"
        if key not in found:  # one place answers to several spellings of the name
            found[key] = {"address": location.address, "lat": location.latitude, "lon": location.longitude,
                          **{k: v for k, v in raw.items() if k in ("place_id", "kind", "country")}}
    return list(found.values())


def place_values(workspace: Workspace, place_id: str) -> dict | None:
    """What a re-placed mention takes from a place: from the workspace's own gazetteer layer, else
    from the compiled gazetteer; None when neither knows the id."""
    from geo.pipeline import default_geoparser

    for p in workspace.places():
        if p.place_id == place_id:
            return _values(p, p.place_id)
    place = default_geoparser().index.place(place_id)
    return None if place is None else _values(place, place.id)


def _values(place, place_id: str) -> dict:
    """The fields a mention takes from a gazetteer place (``Place`` or a workspace gazetteer row)."""
    return {"place_id": place_id, "name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country,
            "kind": place.kind}


def place_candidates(surface: str) -> list[dict]:
    """The gazetteer places a name could stand for (most populous first), for re-placing a mention."""
    from geo.geoparse.gazetteer import default_index
    from geo.geoparse.normalize import name_key

    found = {p.id: _values(p, p.id) for p in default_index().candidates(name_key(surface))}
    return list(found.values())


def prepare_index() -> tuple[Path, float]:
    """Build the compiled gazetteer index if it is missing or out of date: (its file, seconds taken)."""
    from geo.geoparse.gazetteer import GazetteerIndex

    started = time.perf_counter()
    index = GazetteerIndex.load()
    return index.db_path, time.perf_counter() - started


def sources_text() -> str:
    """Every source of the place data with its licence and credit line."""
    from geo.geoparse.attribution import sources_text as text

    return text()
