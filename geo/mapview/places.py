"""The places layer: one symbol per place, sized by its claims, saying one thing each.

- held (sources name a holder, and agree): a circle filled in the holder's colour;
- disputed (sources disagree): a diamond striped in the claimed holders' colours;
- claimed but held by nobody (fought over, present, a corridor's end): an outline only;
- only strikes or advances reported there: the event's glyph in the doer's colour;
- a country, region or river: a dashed ring (it is no point on the ground).
"""
from __future__ import annotations

import math
import re
from collections import Counter

from geo.geometry import valid_lonlat
from geo.geoparse.attribution import credit_line
from geo.mapview.base import FeatureLayer
from geo.mapview.keys import css_token, place_key, ref_text
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.text import count_phrase, esc, plural, short_list, top_actors
from geo.model import PlaceSummary

NO_CLAIM_COLOUR = "#9e9e9e"
OUTLINE_COLOUR = "#333333"
EVENT_GLYPHS = {"strike": "\u2738", "advance": "\u27a4"}  # heavy eight-pointed star, arrowhead
AREA_KINDS = frozenset({"country", "region", "river", "governorate"})  # drawn as a ring: not a point on the ground
HOLDING_WEIGHT = {"asserted": 2, "alleged": 1}


def ranked_holders(place: PlaceSummary) -> list[str]:
    """The place's holders, the one most claims say holds it first (asserted counts double)."""
    weight = {h: 0 for h in place.holders}
    for c in place.claims:
        if c.relation == "control" and c.place_id == place.place_id and c.actor in weight:
            weight[c.actor] += HOLDING_WEIGHT.get(c.stance, 0)
    return sorted(weight, key=lambda h: (-weight[h], h))


def contested_holders(place: PlaceSummary) -> list[str]:
    """Those whose hold of the place a source reports and calls into question (control claims of
    stance ``disputed``: "Damascus called the SDF's capture of Raqqa bogus"), most claims first."""
    named = Counter(c.actor for c in place.claims
                    if c.relation == "control" and c.place_id == place.place_id and c.stance == "disputed" and c.actor)
    return sorted(named, key=lambda a: (-named[a], a))


def place_radius(n_claims: int) -> float:
    """Marker radius in pixels: grows with the square root of the claim count, capped."""
    return 3.5 if n_claims == 0 else round(4.5 + min(8.0, 1.6 * math.sqrt(n_claims)), 1)


_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def stripe_css(colours: list[str], px: int = 3) -> str:
    """A CSS background of diagonal stripes in ``colours`` (each checked to be a hex colour)."""
    safe = [c if _HEX.fullmatch(c) else "#888888" for c in colours]
    stops = ", ".join(f"{c} {i * px}px {(i + 1) * px}px" for i, c in enumerate(safe))
    return f"repeating-linear-gradient(45deg, {stops})"


def _square_icon(class_name: str, html: str, side: int) -> dict:
    """A Leaflet divIcon ``side`` pixels square, anchored at its centre."""
    return {"className": class_name, "html": html, "iconSize": [side, side], "iconAnchor": [side / 2, side / 2],
            "tooltipAnchor": [0, -side / 2], "popupAnchor": [0, -side / 2]}


class PlaceLayer(FeatureLayer):
    """Places as a single GeoJSON layer (circle markers, or diamond icons when disputed)."""

    def __init__(self, places: list[PlaceSummary], palette: ActorPalette = PALETTE, name: str = "Places",
                 show: bool = True) -> None:
        ordered = sorted(places, key=lambda p: (-len(p.claims), place_key(p)))  # big ones first, small on top
        features = [f for f in (self.feature(p, palette) for p in ordered) if f is not None]
        super().__init__(name, features, show=show, attribution=credit_line())

    @staticmethod
    def colours(place: PlaceSummary, palette: ActorPalette) -> list[str]:
        """The holders' colours, the one most claims name first; for a disputed place nobody holds
        uncontested, the colours of those whose hold is claimed and called into question (none
        when there is nobody)."""
        return list(dict.fromkeys(palette.colour(a) for a in ranked_holders(place) or contested_holders(place)))

    @staticmethod
    def symbol(place: PlaceSummary) -> str:
        """What the marker says: ``held``, ``disputed``, ``claimed`` (nobody holds it), ``event``
        (only strikes or advances reported there), ``area`` or ``mentioned`` (no claim)."""
        if place.kind in AREA_KINDS:
            return "area"
        if not place.claims:
            return "mentioned"
        if place.disputed:
            return "disputed"
        if place.holders:
            return "held"
        own = [c for c in place.claims if c.place_id == place.place_id]
        if own and all(c.relation in EVENT_GLYPHS for c in own):
            return "event"
        return "claimed"

    @staticmethod
    def event_glyph(place: PlaceSummary, palette: ActorPalette) -> tuple[str, str, str]:
        """(relation, glyph, colour of the actor most claims name for it) of an event-only place."""
        own = [c for c in place.claims if c.place_id == place.place_id and c.relation in EVENT_GLYPHS]
        relation = Counter(c.relation for c in own).most_common(1)[0][0]
        actors = top_actors([c for c in own if c.relation == relation], 1)
        return relation, EVENT_GLYPHS[relation], palette.colour(actors[0] if actors else None)

    @classmethod
    def tooltip(cls, place: PlaceSummary, key: str) -> str:
        symbol = cls.symbol(place)
        if symbol == "disputed":
            contested = [] if place.holders else contested_holders(place)
            extra = " · disputed" + (f": {short_list(ranked_holders(place), 3)}" if place.holders else
                                     f": {short_list(contested, 3)}'s hold contested" if contested else "")
        elif symbol == "held":
            extra = f" · held by {short_list(ranked_holders(place), 3)}"
        elif symbol == "claimed":
            extra = " · held by nobody, by these claims"
        else:
            extra = ""
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
        elif place.disputed and contested_holders(place):
            lines.append(f"<p>Hold claimed and contested: {short_list(contested_holders(place), 4)}</p>")
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
        symbol = cls.symbol(place)
        classes = f"geo-place geo-is-{symbol} geo-key-{css_token(key)} geo-name-{css_token(place.name)}"
        props: dict = {"key": key, "name": place.name, "claims": n, "disputed": place.disputed, "symbol": symbol,
                       "_tip": cls.tooltip(place, key), "_popup": cls.popup(place, key)}
        if symbol == "area":
            colour = colours[0] if colours else "#777777"
            props["_style"] = {"radius": radius, "color": colour, "weight": 2, "dashArray": "3 3",
                               "fillColor": colour if colours else "#ffffff", "fillOpacity": 0.15,
                               "className": f"{classes} geo-area"}
        elif symbol == "disputed":
            side = max(15, int(round(radius * 1.8)))
            # the claimed holders' colours; one holder or none (a denial, a fight): with white
            stripes = colours[:4] if len(colours) >= 2 else (colours or [NO_CLAIM_COLOUR]) + ["#ffffff"]
            props["_z"] = -10 * n  # proportional symbols: the bigger, the further below
            props["_icon"] = _square_icon(f"geo-disputed {classes}",
                                          f'<div style="background:{stripe_css(stripes)}"></div>', side)
        elif symbol == "event":
            relation, glyph, colour = cls.event_glyph(place, palette)
            side = max(16, int(round(radius * 2.2)))
            props["_z"] = -10 * n
            props["_icon"] = _square_icon(f"geo-event geo-event-{relation} {classes}",
                                          f'<div style="color:{colour};font-size:{side - 2}px">{glyph}</div>', side)
        elif symbol == "held":
            props["_style"] = {"radius": radius, "color": "#222222", "weight": 1, "fillColor": colours[0],
                               "fillOpacity": 0.9, "className": classes}
        elif symbol == "claimed":  # an outline: no actor's colour, so it never reads as "held by"
            props["_style"] = {"radius": radius, "color": OUTLINE_COLOUR, "weight": 2.2, "fillColor": "#ffffff",
                               "fillOpacity": 0.35, "className": classes}
        else:
            props["_style"] = {"radius": radius, "color": "#222222", "weight": 1.5, "fillColor": NO_CLAIM_COLOUR,
                               "fillOpacity": 0.6, "className": classes}
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
                "properties": props}
