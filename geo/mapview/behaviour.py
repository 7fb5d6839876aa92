"""Map behaviour in the browser: the view survives a redraw, and tooltips hide while a popup is open."""
from __future__ import annotations

from folium.elements import MacroElement
from folium.template import Template

from geo.mapview.base import safe_json


class MapBehaviour(MacroElement):
    """With a ``view_key``, the map keeps its centre and zoom in the tab's sessionStorage, so a
    map rebuilt for new filters opens where the user left it (no script rerun is involved: the
    view never travels back to Python). A popup hides every tooltip while it is open."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }}, key = {{ this.key_json }};
            map.on("popupopen", function() { L.DomUtil.addClass(map.getContainer(), "geo-popup-open"); });
            map.on("popupclose", function() { L.DomUtil.removeClass(map.getContainer(), "geo-popup-open"); });
            if (!key) { return; }
            try {
                var saved = JSON.parse(window.sessionStorage.getItem(key) || "null");
                if (saved && isFinite(saved.lat) && isFinite(saved.lng) && isFinite(saved.zoom)) {
                    map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
                }
            } catch (e) { /* storage unavailable: keep the fitted view */ }
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

    def __init__(self, view_key: str | None = None) -> None:
        super().__init__()
        self._name = "MapBehaviour"
        self.key_json = safe_json(f"geo-view:{view_key}" if view_key else "")
