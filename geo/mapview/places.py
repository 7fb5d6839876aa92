"""The places layer: one circle per place, sized by its claims; disputed places as diamonds."""
from __future__ import annotations

import math

from geo.geometry import valid_lonlat
from geo.mapview.base import FeatureLayer
from geo.mapview.keys import css_token, place_key, ref_text
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.text import count_phrase, esc, plural, short_list, top_actors
from geo.model import PlaceSummary

NO_CLAIM_COLOUR = "#9e9e9e"
AREA_KINDS = frozenset({"country", "region", "river", "governorate"})  # drawn as a ring: not a point on the ground
HOLDING_WEIGHT = {"asserted": 2, "alleged": 1}


def ranked_holders(place: PlaceSummary) -> list[str]:
    """The place's holders, the one most claims say holds it first (asserted counts double)."""
    weight = {h: 0 for h in place.holders}
    for c in place.claims:
        if c.relation == "control" and c.place_id == place.place_id and c.actor in weight:
            weight[c.actor] += HOLDING_WEIGHT.get(c.stance, 0)
    return sorted(weight, key=lambda h: (-weight[h], h))


def place_radius(n_claims: int) -> float:
    """Marker radius in pixels: grows with the square root of the claim count, capped."""
    return 3.5 if n_claims == 0 else round(4.5 + min(8.0, 1.6 * math.sqrt(n_claims)), 1)


class PlaceLayer(FeatureLayer):
    """Places as a single GeoJSON layer (circle markers, or diamond icons when disputed)."""

    def __init__(self, places: list[PlaceSummary], palette: ActorPalette = PALETTE, name: str = "Places",
                 show: bool = True) -> None:
        ordered = sorted(places, key=lambda p: (-len(p.claims), place_key(p)))  # big ones first, small on top
        features = [f for f in (self.feature(p, palette) for p in ordered) if f is not None]
        super().__init__(name, features, show=show)

    @staticmethod
    def colours(place: PlaceSummary, palette: ActorPalette) -> list[str]:
        """Up to two fill colours: the holders' first, then those of the actors most claims name."""
        actors = list(dict.fromkeys(ranked_holders(place) + top_actors(place.claims, 3)))
        colours = list(dict.fromkeys(palette.colour(a) for a in actors))
        return colours[:2] or [NO_CLAIM_COLOUR]

    @staticmethod
    def tooltip(place: PlaceSummary, key: str) -> str:
        extra = " · disputed" if place.disputed else ""
        return (f"<b>{esc(place.name)}</b> · {plural(len(place.claims), 'claim')}{extra}"
                f"<span hidden>{esc(ref_text('place', key))}</span>")

    @staticmethod
    def popup(place: PlaceSummary, key: str) -> str:
        lines = [f"<h5>{esc(place.name)}</h5>",
                 f"<p>{esc(place.kind or 'place')} · {plural(len(place.claims), 'claim')} · "
                 f"{plural(place.mentions, 'mention')}</p>"]
        if place.disputed:
            lines.append('<p><span class="geo-badge">disputed</span> sources disagree</p>')
        if place.holders:
            lines.append(f"<p>Held by: {short_list(ranked_holders(place), 4)}</p>")
        if place.claims:
            lines.append(f"<p>{count_phrase(c.relation for c in place.claims)}</p>")
            lines.append("<p><i>Claims are listed beside the map.</i></p>")
        return "".join(lines)

    @classmethod
    def feature(cls, place: PlaceSummary, palette: ActorPalette = PALETTE) -> dict | None:
        """The map feature for one place, or None when it has no usable coordinates."""
        if not valid_lonlat(place.lon, place.lat):
            return None
        key = place_key(place)
        n = len(place.claims)
        radius = place_radius(n)
        colours = cls.colours(place, palette)
        classes = f"geo-place geo-key-{css_token(key)} geo-name-{css_token(place.name)}"
        props: dict = {"key": key, "name": place.name, "claims": n, "disputed": place.disputed,
                       "_tip": cls.tooltip(place, key), "_popup": cls.popup(place, key)}
        if place.kind in AREA_KINDS:
            props["_style"] = {"radius": radius, "color": colours[0] if n else "#777777", "weight": 2,
                               "dashArray": "3 3", "fillColor": colours[0] if n else "#ffffff",
                               "fillOpacity": 0.15, "className": f"{classes} geo-area"}
        elif place.disputed:
            side = max(15, int(round(radius * 1.8)))
            second = colours[1] if len(colours) > 1 else "#ffffff"
            props["_z"] = -10 * n  # proportional symbols: the bigger, the further below
            props["_icon"] = {
                "className": f"geo-disputed {classes}",
                "html": f'<div style="background:linear-gradient(135deg,{colours[0]} 50%,{second} 50%)"></div>',
                "iconSize": [side, side],
                "iconAnchor": [side / 2, side / 2],
                "tooltipAnchor": [0, -side / 2],
                "popupAnchor": [0, -side / 2],
            }
        else:
            props["_style"] = {"radius": radius, "color": "#222222", "weight": 1 if n else 1.5,
                               "fillColor": colours[0] if n else "#ffffff",
                               "fillOpacity": 0.85 if n else 0.6, "className": classes}
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
                "properties": props}
