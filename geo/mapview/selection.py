"""From an st_folium click back to the place, zone or corridor that was clicked."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from geo.mapview.keys import Kind, corridor_key, parse_ref, place_key, zone_keys
from geo.model import Analysis, Claim, Corridor, PlaceSummary, Zone

# The st_folium return keys a click changes. Asking for only these (returned_objects=...) means
# panning and zooming, which change bounds/zoom/center, never rerun the script.
CLICK_KEYS: tuple[str, ...] = ("last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_popup")
NEAR_DEG = 0.05  # a click this close to a place (in degrees) selects it when no reference was read


@dataclass(frozen=True)
class Selection:
    """What the user picked on the map."""

    kind: Kind
    key: str


def click_signature(click: dict | None) -> str | None:
    """A string that changes exactly when a new object click arrives (None before any click)."""
    if not click:
        return None
    values = {k: click.get(k) for k in CLICK_KEYS}
    if not any(values.values()):
        return None
    return json.dumps(values, sort_keys=True, default=str)


class FeatureIndex:
    """Places, zones and corridors of one analysis by their map key."""

    def __init__(self, analysis: Analysis) -> None:
        self.places: dict[str, PlaceSummary] = {place_key(p): p for p in analysis.places}
        self.zones: dict[str, Zone] = dict(zip(zone_keys(analysis.zones), analysis.zones))
        self.corridors: dict[str, Corridor] = {corridor_key(c): c for c in analysis.corridors}

    def get(self, selection: Selection | None) -> PlaceSummary | Zone | Corridor | None:
        """The selected object, or None when it is not in this analysis (e.g. filtered out)."""
        if selection is None:
            return None
        table = {"place": self.places, "zone": self.zones, "corridor": self.corridors}[selection.kind]
        return table.get(selection.key)

    def claims(self, selection: Selection | None) -> list[Claim]:
        """The claims behind the selected object (empty when there is none)."""
        item = self.get(selection)
        return list(item.claims) if item is not None else []

    def place_by_name(self, name: str) -> Selection | None:
        wanted = name.strip().casefold()
        for key, place in self.places.items():
            if place.name.casefold() == wanted:
                return Selection("place", key)
        return None

    def nearest_place(self, lat: float, lng: float, within: float = NEAR_DEG) -> Selection | None:
        best: tuple[float, str] | None = None
        for key, place in self.places.items():
            d = math.hypot(place.lat - lat, place.lon - lng)
            if d <= within and (best is None or d < best[0]):
                best = (d, key)
        return Selection("place", best[1]) if best else None

    def resolve(self, click: dict | None) -> Selection | None:
        """The object an st_folium click refers to.

        Tries, in order: the ``[ref:...]`` in the tooltip, then in the popup; a place whose name
        starts the tooltip; the place nearest to the clicked point.
        """
        if not click:
            return None
        for field in ("last_object_clicked_tooltip", "last_object_clicked_popup"):
            ref = parse_ref(click.get(field))
            if ref is not None:
                selection = Selection(*ref)
                if self.get(selection) is not None:
                    return selection
        tooltip = click.get("last_object_clicked_tooltip")
        if tooltip:
            found = self.place_by_name(tooltip.split("·")[0])
            if found:
                return found
        point = click.get("last_object_clicked") or {}
        if isinstance(point, dict) and point.get("lat") is not None and point.get("lng") is not None:
            return self.nearest_place(float(point["lat"]), float(point["lng"]))
        return None

    def title(self, selection: Selection) -> str:
        """A plain-text title for the selected object (not escaped)."""
        item = self.get(selection)
        if isinstance(item, PlaceSummary):
            return item.name
        if isinstance(item, Zone):
            return f"Zone claimed for {item.actor}"
        if isinstance(item, Corridor):
            return f"Corridor {item.from_place} → {item.to_place}"
        return selection.key
