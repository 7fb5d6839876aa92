"""Place names on the map, decluttered at every zoom, and co-located markers moved apart.

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
from geo.mapview.keys import place_key
from geo.mapview.places import AREA_KINDS
from geo.model import PlaceSummary

ALWAYS_LABELLED = 3  # the places with most claims: their names may cover a marker, never another name
LABEL_PANE = "geo-labels"  # above the zones and circle markers, below divIcon markers and popups


def label_rows(places: list[PlaceSummary]) -> list[dict]:
    """The places that get a name on the map (those with claims): places on the ground before
    countries, regions and rivers, places someone is claimed to hold before the rest, then most
    claims first."""
    ranked = sorted((p for p in places if p.claims),
                    key=lambda p: (p.kind in AREA_KINDS, not p.holders, -len(p.claims), p.name))
    return [{"key": place_key(p), "name": p.name, "n": len(p.claims), "area": p.kind in AREA_KINDS} for p in ranked]


class PlaceLabels(MacroElement):
    """Declutters the places layer and draws ranked, non-overlapping place names into ``group``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, places = {{ this.places_layer.get_name() }};
            var group = {{ this.group.get_name() }}, rows = {{ this.rows_json }};
            var leaders = L.layerGroup().addTo(group);
            var byKey = {}, markers = [];
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
            var canvas = document.createElement("canvas").getContext("2d");
            canvas.font = "600 12px system-ui, -apple-system, 'Segoe UI', sans-serif";
            function overlaps(a, b) {
                return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
            }
            function spread() {
                leaders.clearLayers();
                var placed = [];
                markers.forEach(function(m) {
                    var p = map.latLngToLayerPoint(m.home), best = p;
                    var hit = placed.filter(function(o) { return o.p.distanceTo(p) < o.r + m.r + 1; })[0];
                    if (hit) {
                        for (var ring = 1; ring <= 3 && best === p; ring++) {
                            for (var k = 0; k < 8; k++) {
                                var a = (k * 45 + 20) * Math.PI / 180, d = (hit.r + m.r + 3) * ring;
                                var q = L.point(hit.p.x + d * Math.cos(a), hit.p.y + d * Math.sin(a));
                                if (!placed.some(function(o) { return o.p.distanceTo(q) < o.r + m.r + 1; })) {
                                    best = q; break;
                                }
                            }
                        }
                    }
                    var at = best === p ? m.home : map.layerPointToLatLng(best);
                    m.layer.setLatLng(at);
                    if (best !== p) {
                        L.polyline([m.home, at], {color: "#333", weight: 1, opacity: 0.8, interactive: false,
                                                  pane: {{ this.pane|tojson }}}).addTo(leaders);
                        L.circleMarker(m.home, {radius: 2, color: "#333", weight: 1, fillOpacity: 1,
                                                interactive: false, pane: {{ this.pane|tojson }}}).addTo(leaders);
                    }
                    placed.push({p: best, r: m.r});
                });
                return placed;
            }
            var labels = [];
            function relabel() {
                var placed = spread();
                labels.forEach(function(l) { group.removeLayer(l); });
                labels = [];
                var boxes = placed.map(function(o) {
                    return {x0: o.p.x - o.r, x1: o.p.x + o.r, y0: o.p.y - o.r, y1: o.p.y + o.r, own: o};
                });
                var tl = map.containerPointToLayerPoint([0, 0]), br = map.containerPointToLayerPoint(map.getSize());
                var inside = function(b) { return b.x0 >= tl.x && b.y0 >= tl.y && b.x1 <= br.x && b.y1 <= br.y; };
                rows.forEach(function(row, rank) {
                    var m = byKey[row.key];
                    if (!m) { return; }
                    var c = map.latLngToLayerPoint(m.layer.getLatLng());
                    var w = Math.ceil(canvas.measureText(row.name).width) + 6, h = 16, g = m.r + 3;
                    var d = g * 0.7;
                    var spots = [[c.x + g, c.y - h / 2], [c.x - g - w, c.y - h / 2],
                                 [c.x - w / 2, c.y - g - h], [c.x - w / 2, c.y + g],
                                 [c.x + d, c.y - d - h], [c.x + d, c.y + d], [c.x - d - w, c.y - d - h],
                                 [c.x - d - w, c.y + d]];
                    for (var i = 0; i < spots.length; i++) {
                        var b = {x0: spots[i][0], y0: spots[i][1], x1: spots[i][0] + w, y1: spots[i][1] + h};
                        if (!inside(b)) { continue; }
                        var against = rank < {{ this.always }} ? boxes.filter(function(o) { return !o.own; }) : boxes;
                        if (against.some(function(o) { return overlaps(b, o); }) && !(rank === 0 && i === spots.length - 1)) {
                            continue;
                        }
                        boxes.push(b);
                        var label = L.marker(map.layerPointToLatLng(L.point(b.x0, b.y0)), {
                            interactive: false, keyboard: false, pane: {{ this.pane|tojson }},
                            icon: L.divIcon({className: row.area ? "geo-label geo-label-area" : "geo-label", iconSize: [w, h], iconAnchor: [0, 0],
                                             html: ""})
                        });
                        label.addTo(group);
                        label.getElement().textContent = row.name;
                        label.getElement().setAttribute("data-key", row.key);
                        labels.push(label);
                        break;
                    }
                });
            }
            map.on("moveend", relabel);
            group.on("add", relabel);
            relabel();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, places_layer, group: folium.FeatureGroup, places: list[PlaceSummary]) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.places_layer = places_layer
        self.group = group
        self.pane = LABEL_PANE
        self.always = ALWAYS_LABELLED
        self.rows_json = safe_json(label_rows(places))
