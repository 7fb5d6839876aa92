"""Place names on the map, decluttered at every zoom, and co-located markers moved apart.

A name is followed by a glyph for each kind of event reported there (a star for strikes, an
arrowhead for advances) in the colour of the actor most claims name for it.

After each zoom or pan the browser (i) moves any place marker that would lie on a bigger one to the
nearest free spot beside it, with a thin leader line back to its true position, and (ii) places
names in order of claim count, beside their marker (right, left, above, below), skipping a name
that would overlap a name or marker already placed. The biggest places therefore always keep
their names; smaller ones appear as the user zooms in.
"""
from __future__ import annotations

import folium
from folium.elements import MacroElement
from folium.template import Template

from geo.mapview.base import safe_json
from collections import Counter

from geo.mapview.keys import place_key
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.places import AREA_KINDS
from geo.model import PlaceSummary

ALWAYS_LABELLED = 6  # the places with most claims: their names may cover a marker, never another name
LABEL_PANE = "geo-labels"  # above markers (names stay legible; they take no clicks), below popups


# Relations shown as a glyph after the name, in the colour of the actor most claims name for it.
GLYPHS = {"strike": "\u2738", "advance": "\u27a4"}  # heavy eight-pointed star, arrowhead


def _glyphs(place: PlaceSummary, palette: ActorPalette) -> list[dict]:
    found = []
    for relation, glyph in GLYPHS.items():
        actors = [c.actor for c in place.claims if c.relation == relation and c.place_id == place.place_id
                  and c.stance in ("asserted", "alleged")]
        if actors:
            found.append({"g": glyph, "c": palette.colour(Counter(actors).most_common(1)[0][0]), "r": relation})
    return found


def label_rows(places: list[PlaceSummary], palette: ActorPalette = PALETTE) -> list[dict]:
    """The places that get a name on the map (those with claims): places on the ground before
    countries, regions and rivers, places someone is claimed to hold or the sources dispute
    before the rest, then most claims first. Each row carries the glyphs of the strikes and
    advances reported there."""
    ranked = sorted((p for p in places if p.claims),
                    key=lambda p: (p.kind in AREA_KINDS, not (p.holders or p.disputed), -len(p.claims), p.name))
    return [{"key": place_key(p), "name": p.name, "n": len(p.claims), "area": p.kind in AREA_KINDS,
             "glyphs": _glyphs(p, palette)} for p in ranked]


class PlaceLabels(MacroElement):
    """Declutters the places layer and draws ranked, non-overlapping place names into ``group``
    (again for new rows after the layer is refilled: ``window.geoRelabel(rows)``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, places = {{ this.places_layer.get_name() }};
            var group = {{ this.group.get_name() }}, rows = [], pane = {{ this.pane|tojson }};
            var leaders = L.layerGroup().addTo(group);
            var byKey = {}, markers = [], labels = [], CELL = 64;
            var canvas = document.createElement("canvas").getContext("2d");
            canvas.font = "600 12px system-ui, -apple-system, 'Segoe UI', sans-serif";
            function collect(given) {  // the names to place and the markers of the places layer
                rows = given;
                rows.forEach(function(row) {
                    row.w = Math.ceil(canvas.measureText(row.name).width) + 6 + 14 * row.glyphs.length;
                });
                byKey = {}; markers = [];
                places.eachLayer(function(layer) {
                    var p = layer.feature && layer.feature.properties;
                    if (!p) { return; }
                    var r = layer.options.radius;
                    if (r === undefined && p._icon) { r = p._icon.iconSize[0] / 2; }
                    var m = {layer: layer, home: layer.getLatLng(), r: r || 6, n: p.claims || 0, key: p.key};
                    markers.push(m);
                    byKey[p.key] = m;
                });
                markers.sort(function(a, b) { return b.r - a.r || b.n - a.n; });
            }
            collect({{ this.rows_json }});
            // boxes in layer pixels, bucketed by CELL-sized squares so a test looks at neighbours only
            function Grid() { this.cells = {}; }
            Grid.prototype.each = function(b, fn) {
                for (var x = Math.floor(b.x0 / CELL); x <= Math.floor(b.x1 / CELL); x++) {
                    for (var y = Math.floor(b.y0 / CELL); y <= Math.floor(b.y1 / CELL); y++) {
                        if (fn(x + ":" + y)) { return true; }
                    }
                }
                return false;
            };
            Grid.prototype.add = function(b) {
                var cells = this.cells;
                this.each(b, function(k) { (cells[k] = cells[k] || []).push(b); return false; });
            };
            Grid.prototype.hits = function(b, keep) {
                var cells = this.cells;
                return this.each(b, function(k) {
                    return (cells[k] || []).some(function(o) {
                        return (!keep || keep(o)) && b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1;
                    });
                });
            };
            function disc(p, r) { return {x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r, marker: true}; }
            function spread(view, grid) {
                leaders.clearLayers();
                markers.forEach(function(m) {
                    var p = map.latLngToLayerPoint(m.home), best = p;
                    if (!view.contains(p)) {  // off screen: left where it is, not in the way of anything
                        m.layer.setLatLng(m.home);
                        return;
                    }
                    if (grid.hits(disc(p, m.r + 0.5))) {
                        search: for (var ring = 1; ring <= 4; ring++) {
                            for (var k = 0; k < 8; k++) {
                                var a = (k * 45 + 20) * Math.PI / 180, d = (2 * m.r + 3) * ring;
                                var q = L.point(p.x + d * Math.cos(a), p.y + d * Math.sin(a));
                                if (!grid.hits(disc(q, m.r + 0.5))) { best = q; break search; }
                            }
                        }
                    }
                    var at = best === p ? m.home : map.layerPointToLatLng(best);
                    m.layer.setLatLng(at);
                    if (best !== p) {
                        // the leader runs under the markers, from the true position to the shown one
                        L.polyline([m.home, at], {color: "#333", weight: 1, opacity: 0.8, interactive: false})
                            .addTo(leaders);
                        L.circleMarker(m.home, {radius: 2, color: "#333", weight: 1, fillOpacity: 1,
                                                interactive: false}).addTo(leaders);
                    }
                    m.at = best;
                    grid.add(disc(best, m.r));
                });
            }
            function relabel() {
                var tl = map.containerPointToLayerPoint([0, 0]), br = map.containerPointToLayerPoint(map.getSize());
                var view = L.bounds(tl.subtract([40, 40]), br.add([40, 40])), grid = new Grid();
                spread(view, grid);
                labels.forEach(function(l) { group.removeLayer(l); });
                labels = [];
                var inside = function(b) { return b.x0 >= tl.x && b.y0 >= tl.y && b.x1 <= br.x && b.y1 <= br.y; };
                var notMarker = function(o) { return !o.marker; };
                rows.forEach(function(row, rank) {
                    var m = byKey[row.key];
                    if (!m) { return; }
                    var c = map.latLngToLayerPoint(m.layer.getLatLng());
                    if (!view.contains(c)) { return; }
                    var w = row.w, h = 16, g = m.r + 3, d = g * 0.7;
                    var spots = [[c.x + g, c.y - h / 2], [c.x - g - w, c.y - h / 2],
                                 [c.x - w / 2, c.y - g - h], [c.x - w / 2, c.y + g],
                                 [c.x + d, c.y - d - h], [c.x + d, c.y + d], [c.x - d - w, c.y - d - h],
                                 [c.x - d - w, c.y + d],
                                 [c.x - w / 2, c.y - g - 2 * h], [c.x - w / 2, c.y + g + h]];
                    // a spot that covers nothing; failing that, for the top names, one that covers no name
                    var tries = spots.map(function(s) { return [s, null]; });
                    if (rank < {{ this.always }}) { tries = tries.concat(spots.map(function(s) { return [s, notMarker]; })); }
                    for (var i = 0; i < tries.length; i++) {
                        var s = tries[i][0], b = {x0: s[0], y0: s[1], x1: s[0] + w, y1: s[1] + h};
                        if (!inside(b) || grid.hits(b, tries[i][1])) { continue; }
                        grid.add(b);
                        var label = L.marker(map.layerPointToLatLng(L.point(b.x0, b.y0)), {
                            interactive: false, keyboard: false, pane: pane,
                            icon: L.divIcon({className: row.area ? "geo-label geo-label-area" : "geo-label",
                                             iconSize: [w, h], iconAnchor: [0, 0], html: ""})
                        });
                        label.addTo(group);
                        var el = label.getElement();
                        el.textContent = row.name;
                        el.setAttribute("data-key", row.key);
                        row.glyphs.forEach(function(glyph) {
                            var span = document.createElement("span");
                            span.className = "geo-glyph geo-glyph-" + glyph.r;
                            span.textContent = glyph.g;
                            if (/^#[0-9a-fA-F]{6}$/.test(glyph.c)) { span.style.color = glyph.c; }
                            el.appendChild(span);
                        });
                        labels.push(label);
                        break;
                    }
                });
            }
            map.on("moveend", relabel);
            group.on("add", relabel);
            relabel();
            // the places layer refilled in place (geo.mapview.live): its names placed again
            window.geoRelabel = function(given) { collect(given); relabel(); };
        })();
        {% endmacro %}
        """
    )

    def __init__(self, places_layer, group: folium.FeatureGroup, places: list[PlaceSummary],
                 palette: ActorPalette = PALETTE) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.places_layer = places_layer
        self.group = group
        self.pane = LABEL_PANE
        self.always = ALWAYS_LABELLED
        self.rows_json = safe_json(label_rows(places, palette))
