"""Stable keys for what the map shows, and the reference text that carries them through a click.

st_folium reports a click as the clicked layer's tooltip and popup *text*. Every feature's
tooltip and popup therefore end with a reference such as ``[ref:place:th:raqqa]``; parsing it
back gives the kind of object and its key, independent of names and of filters.
"""
from __future__ import annotations

import hashlib
import re
from typing import Literal

from geo.model import Corridor, PlaceSummary, Zone

Kind = Literal["place", "zone", "corridor"]
KINDS: tuple[str, ...] = ("place", "zone", "corridor")
_SAFE = re.compile(r"[A-Za-z0-9_.:\-]{1,80}")
REF = re.compile(r"\[ref:(place|zone|corridor):([A-Za-z0-9_.:\-]{1,80})\]")


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def place_key(place: PlaceSummary) -> str:
    """The place's gazetteer id when it is a plain token, else a digest of it."""
    return place.place_id if _SAFE.fullmatch(place.place_id or "") else "h" + _digest(place.place_id, place.name)


def zone_key(zone: Zone) -> str:
    """A digest of the zone's actor: zones are one per actor, and filtering reshapes a zone
    (fewer places) without changing whose it is, so a selection survives filter changes."""
    return "z" + _digest(zone.actor)


def zone_keys(zones: list[Zone]) -> list[str]:
    """Keys for ``zones`` in order, numbered (``-2``, ``-3``...) should an actor have several."""
    seen: dict[str, int] = {}
    keys = []
    for zone in zones:
        base = zone_key(zone)
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return keys


def corridor_key(corridor: Corridor) -> str:
    """A digest of the corridor's actor, origin and destination (its status may change)."""
    return "c" + _digest(corridor.actor, corridor.from_place, corridor.to_place)


def ref_text(kind: Kind, key: str) -> str:
    """The reference appended to tooltips and popups: ``[ref:<kind>:<key>]``."""
    return f"[ref:{kind}:{key}]"


def parse_ref(text: str | None) -> tuple[Kind, str] | None:
    """Find a reference in clicked tooltip or popup text.

    >>> parse_ref("Raqqa · 3 claims[ref:place:th:raqqa]")
    ('place', 'th:raqqa')
    """
    if not text:
        return None
    match = REF.search(text)
    return (match.group(1), match.group(2)) if match else None  # type: ignore[return-value]


def css_token(text: str) -> str:
    """A lower-case token usable in a CSS class name (``"Deir ez-Zor"`` -> ``"deir-ez-zor"``)."""
    token = re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")
    return token[:60] or "x"
