"""The control-zones layer: each zone filled with its actor's colour."""
from __future__ import annotations

from geo.geometry import geometry_json, zone_geometry
from geo.mapview.base import FeatureLayer
from geo.mapview.keys import css_token, ref_text, zone_keys
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.text import count_phrase, esc, plural, short_list
from geo.model import Zone


SIMPLIFY_DEG = 0.002  # about 200 m: invisible at the zooms the map is read at, far fewer vertices


class ZoneLayer(FeatureLayer):
    """Zones as one GeoJSON layer of (multi)polygons."""

    def __init__(self, zones: list[Zone], palette: ActorPalette = PALETTE, name: str = "Control zones") -> None:
        keyed = sorted(zip(zone_keys(zones), zones), key=lambda kz: (kz[1].actor, kz[0]))
        features = [f for f in (self.feature(z, k, palette) for k, z in keyed) if f is not None]
        super().__init__(name, features)

    @staticmethod
    def tooltip(zone: Zone, key: str) -> str:
        return (f"<b>{esc(zone.actor)}</b> zone · {plural(len(zone.places), 'place')} · "
                f"{plural(len(zone.claims), 'claim')}<span hidden>{esc(ref_text('zone', key))}</span>")

    @staticmethod
    def popup(zone: Zone, key: str) -> str:
        return "".join([
            f"<h5>Zone claimed for {esc(zone.actor)}</h5>",
            f"<p>Places: {short_list(zone.places)}</p>" if zone.places else "",
            f"<p>{plural(len(zone.claims), 'claim')}: {count_phrase(c.stance for c in zone.claims)}</p>",
            "<p><i>Claims are listed beside the map.</i></p>",
            f'<p class="geo-ref">{esc(ref_text("zone", key))}</p>',
        ])

    @classmethod
    def feature(cls, zone: Zone, key: str, palette: ActorPalette = PALETTE) -> dict | None:
        """The map feature for one zone, or None when its WKT holds no area."""
        shape = zone_geometry(zone.wkt)
        if shape is None:
            return None
        geometry = geometry_json(shape.simplify(SIMPLIFY_DEG, preserve_topology=True), digits=5)
        if geometry is None:
            return None
        colour = palette.colour(zone.actor)
        return {"type": "Feature", "geometry": geometry, "properties": {
            "key": key, "actor": zone.actor,
            "_cls": f"geo-zone geo-key-{css_token(key)} geo-actor-{css_token(zone.actor)}",
            "_style": {"color": colour, "weight": 1.5, "opacity": 0.9, "fillColor": colour, "fillOpacity": 0.22},
            "_tip": cls.tooltip(zone, key),
            "_popup": cls.popup(zone, key),
        }}
