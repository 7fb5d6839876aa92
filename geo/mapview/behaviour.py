"""Map behaviour in the browser: the view survives a redraw, and tooltips hide while a popup is open."""
from __future__ import annotations

from folium.elements import MacroElement
from folium.template import Template

from geo.mapview.base import safe_json


class MapBehaviour(MacroElement):
    """The first view fits ``fit`` (``{"bounds": [[s, w], [n, e]], "room": [px, px], "maxZoom": z}``,
    room kept free at the bottom right for the legend, a strip at the top for the controls), again if the frame is resized before the
    user touches the map. With a ``view_key``, the map keeps its centre and zoom in the tab's sessionStorage, so a
    map rebuilt for new filters opens where the user left it (no script rerun is involved: the
    view never travels back to Python). A popup hides every tooltip while it is open."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, key = {{ this.key_json }}, fit = {{ this.fit_json }};
            map.on("popupopen", function() { L.DomUtil.addClass(map.getContainer(), "geo-popup-open"); });
            map.on("popupclose", function() { L.DomUtil.removeClass(map.getContainer(), "geo-popup-open"); });
            var restored = false, touched = false, CONTROLS_PX = 56;  // zoom buttons and layer switch
            function fitData() {
                if (fit) {
                    map.fitBounds(fit.bounds, {paddingTopLeft: [0, CONTROLS_PX], paddingBottomRight: fit.room,
                                              maxZoom: fit.maxZoom, animate: false});
                }
            }
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
            if (!restored) { fitData(); }
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
