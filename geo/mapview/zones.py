"""The control-zones layer: territory shaded by holder, disputed ground striped in its holders' colours.

Each actor's zone is one light fill (large zones drawn first, so a small zone is never under a
big one). Ground claimed for more than one actor (the cell of a place with several holders,
see :func:`geo.aggregate.zones.place_cells`) is drawn on top with diagonal stripes of the
holders' colours and opens that place's claims when clicked.
"""
from __future__ import annotations

import hashlib
import re

from folium.elements import MacroElement
from folium.template import Template

from geo.aggregate.zones import place_cells
from geo.geometry import geometry_json, zone_geometry
from geo.mapview.base import FeatureLayer, safe_json
from geo.mapview.keys import css_token, place_key, ref_text, zone_keys
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.places import ranked_holders
from geo.mapview.text import count_phrase, esc, plural, short_list
from geo.model import Analysis, PlaceSummary, Zone

SIMPLIFY_DEG = 0.002  # about 200 m: invisible at the zooms the map is read at, far fewer vertices
ZONE_FILL_OPACITY = 0.2
STRIPE_PX = 6
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def hatch_id(colours: list[str]) -> str:
    """The SVG pattern id for stripes of ``colours``."""
    return "geo-hatch-" + hashlib.sha1("".join(colours).encode("ascii")).hexdigest()[:10]


class HatchPatterns(MacroElement):
    """SVG stripe patterns (one per set of colours), added once to the page for paths to fill with;
    ``window.geoHatch(patterns)`` adds more (a map refilled in place)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            window.geoHatch = function(patterns) {
            var ns = "http://www.w3.org/2000/svg";
            var svg = document.getElementById("geo-hatch-defs");
            if (!svg) {
                svg = document.createElementNS(ns, "svg");
                svg.id = "geo-hatch-defs";
                svg.setAttribute("width", "0"); svg.setAttribute("height", "0");
                svg.style.position = "absolute";
                svg.appendChild(document.createElementNS(ns, "defs"));
                document.body.appendChild(svg);
            }
            var defs = svg.firstChild;
            patterns.forEach(function(p) {
                if (document.getElementById(p.id)) { return; }
                var pat = document.createElementNS(ns, "pattern");
                pat.id = p.id;
                pat.setAttribute("patternUnits", "userSpaceOnUse");
                pat.setAttribute("width", String(p.w * p.colours.length));
                pat.setAttribute("height", "10");
                pat.setAttribute("patternTransform", "rotate(45)");
                p.colours.forEach(function(c, i) {
                    var r = document.createElementNS(ns, "rect");
                    r.setAttribute("x", String(i * p.w)); r.setAttribute("y", "0");
                    r.setAttribute("width", String(p.w)); r.setAttribute("height", "10");
                    r.setAttribute("fill", c);
                    pat.appendChild(r);
                });
                defs.appendChild(pat);
            });
            };
            window.geoHatch({{ this.patterns_json }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, colour_sets: list[list[str]]) -> None:
        super().__init__()
        self._name = "HatchPatterns"
        self.patterns_json = safe_json(hatch_patterns(colour_sets))


def hatch_patterns(colour_sets: list[list[str]]) -> list[dict]:
    """One stripe pattern per set of colours (``window.geoHatch`` adds the ones not yet on the page)."""
    unique = {hatch_id(cs): cs for cs in colour_sets}
    return [{"id": k, "colours": v, "w": STRIPE_PX} for k, v in sorted(unique.items())]


class ZoneLayer(FeatureLayer):
    """Zones and disputed ground as one GeoJSON layer of (multi)polygons."""

    def __init__(self, zones: list[Zone], palette: ActorPalette = PALETTE, name: str = "Control zones") -> None:
        keyed = [(k, z, zone_geometry(z.wkt)) for k, z in zip(zone_keys(zones), zones)]
        keyed = sorted((kzg for kzg in keyed if kzg[2] is not None), key=lambda kzg: (-kzg[2].area, kzg[0]))
        features = [f for f in (self.feature(z, k, palette, g) for k, z, g in keyed) if f is not None]
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
        ])

    @classmethod
    def feature(cls, zone: Zone, key: str, palette: ActorPalette = PALETTE, shape=None) -> dict | None:
        """The map feature for one zone, or None when its WKT holds no area."""
        shape = shape if shape is not None else zone_geometry(zone.wkt)
        if shape is None:
            return None
        geometry = geometry_json(shape.simplify(SIMPLIFY_DEG, preserve_topology=True), digits=5)
        if geometry is None:
            return None
        colour = palette.colour(zone.actor)
        return {"type": "Feature", "geometry": geometry, "properties": {
            "key": key, "actor": zone.actor,
            "_cls": f"geo-zone geo-key-{css_token(key)} geo-actor-{css_token(zone.actor)}",
            "_style": {"color": colour, "weight": 1.2, "opacity": 0.8, "fillColor": colour,
                       "fillOpacity": ZONE_FILL_OPACITY},
            "_tip": cls.tooltip(zone, key),
            "_popup": cls.popup(zone, key),
        }}



class DisputedLayer(FeatureLayer):
    """Striped cells of the places claimed for several actors (clicking one opens the place)."""

    def __init__(self, analysis: Analysis, palette: ActorPalette = PALETTE, name: str = "Disputed ground") -> None:
        self.colour_sets: list[list[str]] = []
        super().__init__(name, self.disputed_features(analysis, palette))

    def disputed_features(self, analysis: Analysis, palette: ActorPalette) -> list[dict]:
        """One striped polygon per place with several holders, in the holders' colours."""
        places = {p.place_id: p for p in analysis.places}
        features = []
        for cell in place_cells(analysis.claims, analysis.places):
            if len(cell.holders) < 2 or cell.place_id not in places:
                continue
            holders = tuple(ranked_holders(places[cell.place_id])) or cell.holders
            colours = list(dict.fromkeys(palette.colour(a) for a in holders))
            colours = [c for c in colours if _HEX.fullmatch(c)][:4]
            if len(colours) < 2:
                colours = (colours + ["#ffffff"])[:2]
            self.colour_sets.append(colours)
            place = places[cell.place_id]
            geometry = geometry_json(cell.geometry.simplify(SIMPLIFY_DEG, preserve_topology=True), digits=5)
            if geometry is None:
                continue
            key = place_key(place)
            features.append({"type": "Feature", "geometry": geometry, "properties": {
                "key": key, "name": place.name, "holders": list(holders),
                "_cls": f"geo-zone-disputed geo-key-{css_token(key)} geo-name-{css_token(place.name)}",
                "_style": {"color": colours[0], "weight": 1.5, "opacity": 0.9, "dashArray": "4 3",
                           "fillColor": f"url(#{hatch_id(colours)})", "fillOpacity": 0.55},
                "_tip": self.disputed_tooltip(place, holders, key),
                "_popup": self.disputed_popup(place, holders),
            }})
        return features

    @staticmethod
    def disputed_tooltip(place: PlaceSummary, holders: tuple[str, ...], key: str) -> str:
        return (f"<b>{esc(place.name)}</b> · disputed ground · claimed held by {short_list(holders, 4)}"
                f"<span hidden>{esc(ref_text('place', key))}</span>")

    @staticmethod
    def disputed_popup(place: PlaceSummary, holders: tuple[str, ...]) -> str:
        return "".join([
            f"<h5>{esc(place.name)}: disputed ground</h5>",
            f"<p>Claimed held by {short_list(holders, 6)}</p>",
            "<p><i>Claims are listed beside the map.</i></p>",
        ])
