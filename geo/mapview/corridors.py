"""The corridors layer: dashed lines with an arrow showing the direction of travel."""
from __future__ import annotations

import math

from geo.geometry import corridor_geometry, geometry_json
from geo.mapview.base import FeatureLayer
from geo.mapview.keys import corridor_key, css_token, ref_text
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.text import esc, plural
from geo.model import Corridor

DASHES = {"asserted": "10 6", "alleged": "3 6", "disputed": "10 4 2 4", "denied": "2 8"}
ARROW_AT = 0.5  # fraction of the way along the line where the arrow sits (midway: clear of both ends' markers)
ARROW_Z = -100000  # arrows under every place marker: they never hide a place
# ... including the circles, which Leaflet draws in the overlay pane (400), under the marker pane
# (600) where icons go: the arrows get a pane of their own just under the overlay pane (on a short
# corridor, Abu Kamal to al-Qaim at the first view, the arrow had covered the circle of its end)
ARROW_PANE = "geo-arrows"
ARROW_PANE_Z = 390


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator x, y (unit sphere) — the projection Leaflet draws in."""
    lat = max(min(lat, 85.0), -85.0)
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def screen_bearing(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Clockwise angle in degrees from screen-east of the line start->end as Leaflet draws it.

    Web Mercator is conformal, so the angle is the same at every zoom level.

    >>> round(screen_bearing((40.0, 35.0), (40.0, 36.0)))  # due north is up: -90 degrees
    -90
    """
    x0, y0 = mercator(*start)
    x1, y1 = mercator(*end)
    return math.degrees(math.atan2(-(y1 - y0), x1 - x0))


def point_along(start: tuple[float, float], end: tuple[float, float], t: float) -> tuple[float, float]:
    """The lon/lat a fraction ``t`` along the straight (Mercator) line from start to end."""
    x0, y0 = mercator(*start)
    x1, y1 = mercator(*end)
    x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
    return math.degrees(x), math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


class CorridorLayer(FeatureLayer):
    """Corridors as one GeoJSON layer: a dashed line per corridor with its arrow (``_arrow``: the
    browser draws the arrow from the line's feature, its tooltip and classes sent once)."""

    def __init__(self, corridors: list[Corridor], palette: ActorPalette = PALETTE, name: str = "Corridors") -> None:
        features: list[dict] = []
        for corridor in sorted(corridors, key=corridor_key):
            features.extend(self.features_for(corridor, palette))
        super().__init__(name, features)
        self.arrows = {"pane": ARROW_PANE, "z": ARROW_Z}

    @staticmethod
    def tooltip(corridor: Corridor, key: str) -> str:
        return (f"<b>{esc(corridor.from_place)} → {esc(corridor.to_place)}</b> · {esc(corridor.actor)} · "
                f"{esc(corridor.status)}<span hidden>{esc(ref_text('corridor', key))}</span>")

    @staticmethod
    def popup(corridor: Corridor, key: str) -> str:
        return "".join([
            f"<h5>Corridor {esc(corridor.from_place)} → {esc(corridor.to_place)}</h5>",
            f"<p>Actor: {esc(corridor.actor)} · status: {esc(corridor.status)}</p>",
            f"<p>{plural(len(corridor.claims), 'claim')}</p>",
            "<p><i>Claims are listed beside the map.</i></p>",
        ])

    @classmethod
    def features_for(cls, corridor: Corridor, palette: ActorPalette = PALETTE) -> list[dict]:
        """The line feature with its arrow (none when the corridor has no usable end points)."""
        geometry = geometry_json(corridor_geometry(corridor))
        if geometry is None or geometry["type"] != "LineString":
            return []
        key = corridor_key(corridor)
        start, end = tuple(corridor.from_lonlat), tuple(corridor.to_lonlat)
        lon, lat = point_along(start, end, ARROW_AT)
        return [{"type": "Feature", "geometry": geometry, "properties": {
            "key": key, "actor": corridor.actor, "_tip": cls.tooltip(corridor, key), "_popup": cls.popup(corridor, key),
            "_cls": f"geo-corridor geo-key-{css_token(key)}",
            "_style": {"color": palette.colour(corridor.actor), "weight": 3, "opacity": 0.9,
                       "dashArray": DASHES.get(corridor.status, "10 6")},
            "_arrow": {"a": round(screen_bearing(start, end), 1), "at": [round(lon, 5), round(lat, 5)]},
        }}]
