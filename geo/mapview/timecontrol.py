"""A day slider for the standalone map: who holds each place on the day chosen.

The states are computed here, with the rules of :mod:`geo.aggregate.timeline`, for every day on
which a claim about a place begins; the page only looks them up. The control (bottom right; the legend is bottom left) has
a "Holders on" switch and a range input over those days; while it is on, a layer of rings at the
claimed places is coloured by the holder on the chosen day (grey: nobody holds it by the latest
word, a red dashed ring: sources disagree). Plain Leaflet, no further assets. Every text shown is
escaped here.

>>> add_time_control(fmap, analysis)  # doctest: +SKIP
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict

from folium.elements import MacroElement
from folium.template import Template

from geo.aggregate.timeline import STATE_RELATIONS, PlaceSweep, claim_period, is_fine, place_control
from geo.mapview.base import safe_json
from geo.mapview.palette import PALETTE, UNKNOWN_COLOUR
from geo.mapview.text import esc
from geo.model import Analysis, Claim

MAX_STEPS = 400  # days offered by the slider at most (evenly thinned beyond)
DISPUTED_COLOUR = "#c2185b"


def _state_text(name: str, day: dt.date, holders: list[str], disputed: bool, by_source: dict[str, list[str]]) -> str:
    said = "; ".join(f"{esc(doc)}: {esc(', '.join(actors))}" for doc, actors in sorted(by_source.items()))
    held = f"held by {esc(', '.join(holders))}" if holders else "held by nobody, by the latest claims"
    flag = " · <b>disputed</b>" if disputed else ""
    return f"<b>{esc(name)}</b> on {day.isoformat()}: {held}{flag}" + (f"<br><small>{said}</small>" if said else "")


def time_states(claims: list[Claim], max_steps: int = MAX_STEPS) -> dict:
    """The slider's days and, per place, the steps at which its state changes (JSON-ready)."""
    per_place: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.relation in STATE_RELATIONS:
            per_place[c.place_id].append(c)
    days = sorted({claim_period(c)[0] for items in per_place.values() for c in items if is_fine(c)})
    if not days:  # only month- or year-dated claims: their first days
        days = sorted({claim_period(c)[0] for items in per_place.values() for c in items if c.date})
    if len(days) > max_steps:
        stride = len(days) / max_steps
        days = sorted({days[int(i * stride)] for i in range(max_steps)} | {days[-1]})
    places = []
    for _, items in sorted(per_place.items()):
        starts = sorted({claim_period(c)[0] for c in items if c.date})
        sweep = PlaceSweep(items)
        changes = []
        begun = 0  # how many of the place's start days are passed
        for step, day in enumerate(days):
            passed = bisect.bisect_right(starts, day)
            if step and passed == begun:
                continue  # no claim about the place began since the last step: same state
            begun = passed
            standing = sweep.standing(day)
            if not standing:
                continue
            state = place_control(standing, day)
            colour = PALETTE.colour(state.holders[0]) if state.holders else UNKNOWN_COLOUR
            text = _state_text(items[0].place.name, day, state.holders, state.disputed, state.by_source)
            changes.append([step, colour, state.disputed, text])
        if changes:
            places.append({"lat": items[0].lat, "lon": items[0].lon, "changes": changes})
    return {"days": [d.isoformat() for d in days], "places": places}


class TimeControl(MacroElement):
    """The day slider and its layer (see the module docstring)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .geo-time { background: rgba(255,255,255,.92); padding: 6px 10px; border-radius: 6px;
          box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.4 system-ui, sans-serif; }
        .geo-time input[type=range] { width: 220px; vertical-align: middle; }
        .geo-time .geo-time-day { font-weight: 600; margin-left: 4px; }
        .geo-time .geo-time-state { margin-bottom: 4px; color: #333; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function() {
            var data = {{ this.data_json }};
            var map = {{ this._parent.get_name() }};
            var layer = L.layerGroup();
            var rings = data.places.map(function(p) {
                var ring = L.circleMarker([p.lat, p.lon], {radius: 9, weight: 3, color: "#fff", fillOpacity: 0.9,
                                                           className: "geo-time-ring"});
                ring.bindTooltip("");
                return {ring: ring, changes: p.changes};
            });
            function show(step) {
                day.textContent = data.days[step];
                rings.forEach(function(r) {
                    var state = null;
                    for (var i = 0; i < r.changes.length && r.changes[i][0] <= step; i++) { state = r.changes[i]; }
                    if (state === null) { layer.removeLayer(r.ring); return; }
                    r.ring.setStyle({fillColor: state[1], color: state[2] ? {{ this.disputed|tojson }} : "#fff",
                                     dashArray: state[2] ? "4 3" : null});
                    r.ring.setTooltipContent(state[3]);
                    layer.addLayer(r.ring);
                });
            }
            var control = L.control({position: "bottomright"});
            var day;
            control.onAdd = function() {
                var div = L.DomUtil.create("div", "geo-time");
                var label = L.DomUtil.create("label", "", div);
                var toggle = L.DomUtil.create("input", "geo-time-on", label);
                toggle.type = "checkbox";
                label.appendChild(document.createTextNode(" Holders on "));
                day = L.DomUtil.create("span", "geo-time-day", div);
                L.DomUtil.create("br", "", div);
                var slider = L.DomUtil.create("input", "geo-time-slider", div);
                slider.type = "range"; slider.min = 0; slider.max = data.days.length - 1;
                slider.value = data.days.length - 1;
                slider.setAttribute("aria-label", "Day");
                slider.addEventListener("input", function() { show(+slider.value); });
                toggle.addEventListener("change", function() {
                    if (toggle.checked) { layer.addTo(map); show(+slider.value); } else { map.removeLayer(layer); }
                });
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo(map);
            day.textContent = data.days[data.days.length - 1];
            if (data.state) {
                var note = L.DomUtil.create("div", "geo-time-state");
                note.innerHTML = data.state;
                control.getContainer().insertBefore(note, control.getContainer().firstChild);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: dict) -> None:
        super().__init__()
        self._name = "TimeControl"
        self.data_json = safe_json(data)
        self.disputed = DISPUTED_COLOUR


def state_note(claims: list[Claim], day: dt.date | None) -> str:
    """What the map under the control shows (HTML): the state on ``day`` and the dates it rests on,
    or every claim at once."""
    from geo.aggregate.timeline import state_window

    if day is None:
        return "Map: <b>every claim at once</b> (all dates)"
    window = state_window(claims, day)
    rests = f" (claims from {window[0]} to {window[1]})" if window and window[0] != window[1] else ""
    return f"Map: state on <b>{day.isoformat()}</b>, each source's latest word{rests}"


def add_time_control(fmap, analysis: Analysis, state_day: dt.date | None | bool = False) -> bool:
    """Add the day slider to ``fmap`` when the analysis has dated claims about who holds places;
    ``state_day`` (a day, or None for every claim at once) adds a line saying what the map shows."""
    data = time_states(analysis.claims)
    if len(data["days"]) < 1 or not data["places"]:
        return False
    if state_day is not False:
        data["state"] = state_note(analysis.claims, state_day)
    TimeControl(data).add_to(fmap)
    return True
