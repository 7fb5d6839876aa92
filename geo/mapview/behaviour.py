"""Map behaviour in the browser: the first view and "show all", one zoom level per wheel notch, the
view surviving a redraw, and tooltips hidden while a popup is open."""
from __future__ import annotations

from folium.elements import MacroElement
from folium.template import Template

from geo.mapview.base import safe_json

# The value the map's frame gives the app's map component once the map is drawn, when the page has
# nothing else yet (a session's first run draws the map alone: geo.app.main.map_only_first)
MAP_DRAWN_KEY = "geo_drawn"

class MapBehaviour(MacroElement):
    """The first view fits ``fit`` (``{"bounds": [[s, w], [n, e]], "room": [px, px], "maxZoom": z}``,
    room kept free at the bottom for the legend, a strip at the top and a column at the left for
    the controls), again if the frame is resized before the user touches the map. A control
    under the zoom buttons frames the claims again; with ``fit["all"]`` (the bounds of every place,
    far ones included) and ``fit["outside"]`` (how many lie outside the first view) a second
    button frames them all. Each notch of a mouse wheel zooms one level (Leaflet's own wheel zoom,
    which scales with the pixels scrolled, is off); a touchpad's small steps add up to a level
    per 100 px. With a ``view_key``, the map keeps its centre and zoom in the tab's sessionStorage, so a
    map rebuilt for new filters opens where the user left it (no script rerun is involved: the
    view never travels back to Python). A popup hides every tooltip while it is open. In the app's
    frame, once the map is drawn on a page that has nothing else yet, it says so (``MAP_DRAWN_KEY``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, key = {{ this.key_json }}, fit = {{ this.fit_json }};
            map.on("popupopen", function() { L.DomUtil.addClass(map.getContainer(), "geo-popup-open"); });
            map.on("popupclose", function() { L.DomUtil.removeClass(map.getContainer(), "geo-popup-open"); });
            var restored = false, touched = false, fitting = false, CONTROLS = [48, 56];  // zoom and fit buttons, layer switch
            function fitTo(bounds) {
                // keep free a strip from the legend's top to the bottom (measured: it wraps with the width,
                // and the scale bar sits under it)
                var legend = map.getContainer().querySelector(".geo-legend"), room = fit.room;
                var height = map.getSize().y;
                if (legend && legend.offsetHeight) {
                    var measured = Math.ceil(map.getContainer().getBoundingClientRect().bottom
                                             - legend.getBoundingClientRect().top) + 6;
                    if (measured > 0 && measured < height / 2) { room = [0, measured]; }  // else: not laid out yet
                }
                fitting = true;
                try {
                    map.fitBounds(bounds, {paddingTopLeft: CONTROLS, paddingBottomRight: room,
                                           maxZoom: fit.maxZoom, animate: false});
                } finally { fitting = false; }
            }
            // any other move (zoom buttons, keys, a drag, "All") is the user's: no more fitting on resize
            map.on("movestart zoomstart", function() { if (!fitting) { touched = true; } });
            function fitData() { if (fit) { fitTo(fit.bounds); } }
            // one zoom level per wheel notch, about the pointer
            var notches = 0, small = 0, timer = null, anchor = null, container = map.getContainer();
            L.DomEvent.on(container, "wheel", function(e) {
                L.DomEvent.preventDefault(e);
                var px = e.deltaMode === 1 ? e.deltaY * 40 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
                if (Math.abs(px) >= 40) { notches += px > 0 ? -1 : 1; small = 0; }
                else { small += px; if (Math.abs(small) >= 100) { notches += small > 0 ? -1 : 1; small = 0; } }
                anchor = map.mouseEventToContainerPoint(e);
                clearTimeout(timer);
                timer = setTimeout(function() {
                    var n = Math.max(-3, Math.min(3, notches));
                    notches = 0;
                    if (n) { map.setZoomAround(anchor, map.getZoom() + n); }
                }, 60);
            });
            if (fit) {
                var buttons = L.control({position: "topleft"});
                buttons.onAdd = function() {
                    var div = L.DomUtil.create("div", "leaflet-bar geo-fit");
                    var home = L.DomUtil.create("a", "geo-fit-claims", div);
                    home.href = "#"; home.setAttribute("role", "button"); home.textContent = "\u2302";
                    home.title = "Frame the places with claims";
                    L.DomEvent.on(home, "click", function(e) { L.DomEvent.stop(e); touched = true; fitData(); });
                    if (fit.all) {
                        var all = L.DomUtil.create("a", "geo-fit-all", div);
                        all.href = "#"; all.setAttribute("role", "button");
                        all.textContent = "All +" + fit.outside;
                        all.title = "Show every place, the " + fit.outside + " far from the others too";
                        L.DomEvent.on(all, "click", function(e) { L.DomEvent.stop(e); touched = true; fitTo(fit.all); });
                    }
                    L.DomEvent.disableClickPropagation(div);
                    return div;
                };
                buttons.addTo(map);
            }
            // inside streamlit-folium's frame, a click reaches the app at once: st_folium sends it
            // 250 ms later (a debounce meant for pans and zooms); the same value, built as it builds
            // it once its own click handlers have run, is sent now, and its later call finds it sent
            container.addEventListener("click", function() {
                window.setTimeout(function() {
                    var g = window.__GLOBAL_DATA__;
                    if (!g || g.wrap_longitude || !g.returned_objects || window.parent === window) { return; }
                    var all = {last_clicked: g.lat_lng_clicked, last_object_clicked: g.last_object_clicked,
                               last_object_clicked_count: g.last_object_clicked_count,
                               last_object_clicked_tooltip: g.last_object_clicked_tooltip,
                               last_object_clicked_popup: g.last_object_clicked_popup};
                    var value = {};
                    for (var i = 0; i < g.returned_objects.length; i++) {
                        if (!(g.returned_objects[i] in all)) { return; }  // bounds, zoom ...: st_folium's own way
                    }
                    Object.keys(all).forEach(function(k) {
                        if (g.returned_objects.indexOf(k) >= 0) { value[k] = all[k] === undefined ? null : all[k]; }
                    });
                    if (JSON.stringify(g.previous_data) === JSON.stringify(value)) { return; }
                    g.previous_data = value;
                    window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue",
                                               value: value, dataType: "json"}, "*");
                }, 0);
            }, true);
            // the app's first run draws the map alone: once it is on the screen, ask for the rest
            // of the page (only a page without the rest: a later map, e.g. of new filters, says nothing)
            window.requestAnimationFrame(function() { window.requestAnimationFrame(function() {
                var g = window.__GLOBAL_DATA__, rest = true;
                try { rest = !!window.parent.document.getElementById("geo-page-rest"); } catch (e) { rest = true; }
                if (!g || !g.returned_objects || window.parent === window || rest) { return; }
                var value = {};
                g.returned_objects.forEach(function(k) { value[k] = null; });
                value[{{ this.drawn_json }}] = true;
                window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue",
                                           value: value, dataType: "json"}, "*");
            }); });
            // the frame may be resized right after the map is drawn: fit again until the user moves it
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function(type) {
                map.getContainer().addEventListener(type, function() { touched = true; }, {passive: true});
            });
            map.on("resize", function() { if (!restored && !touched) { fitData(); } });
            try {
                var saved = key ? JSON.parse(window.sessionStorage.getItem(key) || "null") : null;
                if (saved && isFinite(saved.lat) && isFinite(saved.lng) && isFinite(saved.zoom)) {
                    map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
                    restored = true;
                }
            } catch (e) { /* storage unavailable: the fitted view */ }
            if (!restored) {
                fitData();
                // inside an app's frame the page may not be laid out yet: fit once more when it is
                window.requestAnimationFrame(function() { if (!touched && !restored) { fitData(); } });
            }
            if (!key) { return; }
            map.on("moveend", function() {
                var c = map.getCenter();
                try {
                    window.sessionStorage.setItem(key, JSON.stringify({lat: c.lat, lng: c.lng, zoom: map.getZoom()}));
                } catch (e) { /* storage unavailable */ }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, view_key: str | None = None, fit: dict | None = None) -> None:
        super().__init__()
        self._name = "MapBehaviour"
        self.fit_json = safe_json(fit)
        self.key_json = safe_json(f"geo-view:{view_key}" if view_key else "")
        self.drawn_json = safe_json(MAP_DRAWN_KEY)


class LiveUpdate(MacroElement):
    """Defines ``window.geoUpdate(layers, rows, legend, patterns)``: each layer named in ``layers``
    (``window.geoLayers``) emptied and given its new GeoJSON, the stripe patterns added, the legend's
    HTML replaced (folded if it was), the names placed again; ``window.geoUpdates`` counts the updates."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            window.geoUpdates = 0;
            window.geoUpdate = function(layers, rows, legend, patterns) {
                if (window.geoHatch) { window.geoHatch(patterns); }
                Object.keys(layers).forEach(function(name) {
                    var layer = (window.geoLayers || {})[name];
                    if (layer) { layer.clearLayers(); layer.addData(layers[name]); }
                });
                var box = map.getContainer().querySelector(".geo-legend");
                if (box) {
                    var was = box.querySelector("details"), open = !was || was.open;
                    box.innerHTML = legend;
                    var now = box.querySelector("details");
                    if (now && !open) { now.open = false; }
                }
                if (window.geoRelabel) { window.geoRelabel(rows); }
                window.geoUpdates += 1;
            };
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LiveUpdate"
