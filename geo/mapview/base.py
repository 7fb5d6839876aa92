"""folium elements shared by the map layers, written in the style of folium plugins.

Each layer is one ``L.geoJSON`` with per-feature presentation in reserved properties, so a
layer of thousands of features is one JSON blob and one loop in the browser rather than
thousands of folium elements:

``_style``  Leaflet path options (colour, weight, radius, dash array, ...)
``_icon``   ``L.divIcon`` options; the point becomes a marker with that icon
``_arrow``  on a line, ``{a: degrees, at: [lon, lat]}``: an arrow marker drawn in the browser at that
           point, in the line's colour, with its classes (plus ``geo-arrow``) and its tooltip, in the
           pane of the layer's ``arrows`` (a layer without them draws none): a line and its arrow
           are one feature, sent once
``_z``      the marker's z-index offset (bigger places lower, so small ones stay clickable)
``_pane``   the pane of that marker (default: the layer's, else the marker pane)
``_cls``    extra CSS classes for the SVG path (how tests and users find a feature)
``_tip``    tooltip HTML, already escaped
``_popup``  popup HTML, already escaped (bound as a DOM element so st_folium can read its text)

Each layer is also registered by its name in ``window.geoLayers``, so a map already drawn can be
refilled in place (:mod:`geo.mapview.live`).

All text from documents is escaped in Python before it reaches these properties; the
JavaScript only ever inserts these prepared strings.

Data reaches the page through :func:`safe_json`, never through jinja's ``tojson``: folium
(branca) compiles every rendered script *again* as a Jinja template when it assembles the
page, so a ``{{ ... }}`` in document text would be evaluated on the server (template
injection). Braces inside JSON strings are therefore written as ``\u007b``/``\u007d``.
"""
from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from folium.elements import MacroElement
from folium.map import Layer
from folium.template import Template


_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use stand-ins for braces while serialising
_BRACES = str.maketrans({"{": _OPEN, "}": _CLOSE, _OPEN: "\ufffd", _CLOSE: "\ufffd"})
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                (_OPEN, "\\u007b"), (_CLOSE, "\\u007d"))


def _hide_braces(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_BRACES)
    if isinstance(value, dict):  # (GeoJSON coordinates are numbers: skipped, they are most of the data)
        return {_hide_braces(k): v if k == "coordinates" else _hide_braces(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_hide_braces(v) for v in value]
    return value


def safe_json(value: Any) -> str:
    r"""JSON for a ``<script>``: no ``</script>``, no HTML specials, and no Jinja delimiters.

    Braces in strings travel as ``\u007b``/``\u007d`` (the browser reads the same text);
    structural JSON braces never form ``{{``, ``{%`` or ``{#``.

    >>> print(safe_json({"name": "{{ 7*7 }} </script>"}))
    {"name":"\u007b\u007b 7*7 \u007d\u007d \u003c/script\u003e"}
    """
    text = json.dumps(_hide_braces(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE:
        text = text.replace(char, escaped)
    return text


class FeatureLayer(Layer):
    """A GeoJSON overlay whose features carry their own style, tooltip and popup."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(null, {
            attribution: {{ this.attribution_json }},
            interactive: {{ this.interactive|tojson }},
            {%- if this.pane %}
            pane: {{ this.pane|tojson }},
            {%- endif %}
            style: function(feature) { return feature.properties._style || {}; },
            pointToLayer: function(feature, latlng) {
                var p = feature.properties;
                if (p._icon) {
                    return L.marker(latlng, {icon: L.divIcon(p._icon), keyboard: false, zIndexOffset: p._z || 0,
                                             pane: typeof p._pane === "string" ? p._pane : {{ (this.pane or "markerPane")|tojson }},
                                             interactive: {{ this.interactive|tojson }}});
                }
                return L.circleMarker(latlng, L.Util.extend(
                    {interactive: {{ this.interactive|tojson }}
                     {%- if this.pane %}, pane: {{ this.pane|tojson }}{% endif %}}, p._style || {}));
            },
            onEachFeature: function(feature, layer) {
                var p = feature.properties;
                if (p._cls && layer.options && !p._icon) {
                    layer.options.className = ((layer.options.className || "") + " " + p._cls).trim();
                }
                if (p._tip) {
                    layer.bindTooltip(p._tip, {sticky: true, direction: "top", opacity: 0.95});
                }
                {%- if this.arrows %}
                if (p._arrow && Array.isArray(p._arrow.at) && p._arrow.at.length === 2) {
                    var colour = p._style && /^#[0-9a-fA-F]{6}$/.test(p._style.color) ? p._style.color : "#333333";
                    var arrow = L.marker([Number(p._arrow.at[1]), Number(p._arrow.at[0])], {
                        keyboard: false, interactive: {{ this.interactive|tojson }},
                        zIndexOffset: {{ this.arrows.z|tojson }}, pane: {{ this.arrows.pane|tojson }},
                        icon: L.divIcon({className: ("geo-arrow " + (p._cls || "")).trim(), iconSize: [28, 28], iconAnchor: [14, 14],
                            html: '<div style="transform:rotate(' + Number(p._arrow.a) + 'deg)">' +
                                  '<svg viewBox="0 0 28 28" width="28" height="28"><path d="M3 6 L26 14 L3 22 L9 14 Z" ' +
                                  'fill="' + colour + '" stroke="#ffffff" stroke-width="2.5" stroke-linejoin="round" ' +
                                  'paint-order="stroke"/></svg></div>'})});
                    arrow.feature = feature;  // the line's: a click on either is the same object
                    if (p._tip) { arrow.bindTooltip(p._tip, {sticky: true, direction: "top", opacity: 0.95}); }
                    {{ this.get_name() }}.addLayer(arrow);
                }
                {%- endif %}
                if (p._popup && {{ this.popups|tojson }}) {
                    var el = document.createElement("div");
                    el.className = "geo-popup";
                    el.innerHTML = p._popup;
                    layer.bindPopup(el, {maxWidth: 340});
                }
            }
        });
        {{ this.get_name() }}.addData({{ this.data_json }});
        (window.geoLayers = window.geoLayers || {})[{{ this.name_json }}] = {{ this.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, name: str, features: list[dict], show: bool = True, interactive: bool = True,
                 attribution: str = "", pane: str | None = None) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "FeatureLayer"
        self.data = {"type": "FeatureCollection", "features": features}
        self.interactive = interactive
        self.attribution = attribution
        self.pane = pane
        self.popups = True  # False: clicks are read by the app (st_folium), the panel shows the rest
        self.arrows: dict | None = None  # {"pane": ..., "z": ...}: the lines' arrows (``_arrow``) drawn there

    @cached_property
    def data_json(self) -> str:
        """The layer's data, serialised once (folium and st_folium render a map several times)."""
        return safe_json(self.data)

    @property
    def name_json(self) -> str:
        return safe_json(self.layer_name)

    @property
    def attribution_json(self) -> str:
        return safe_json(self.attribution)

    @property
    def features(self) -> list[dict]:
        return self.data["features"]


class IconImagePath(MacroElement):
    """Sets ``L.Icon.Default.imagePath`` so default marker icons load from our own origin."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.path_json }};
        {% endmacro %}
        """
    )

    def __init__(self, path: str) -> None:
        super().__init__()
        self._name = "IconImagePath"
        self.path = path
        self.path_json = safe_json(path)


MAP_CSS = """
.leaflet-container { background: #dfe9ef; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.geo-country-label { color: #6b6b6b; font: 600 11px/1 system-ui, sans-serif; letter-spacing: .08em;
  text-transform: uppercase; white-space: nowrap; text-shadow: 0 0 3px #f7f6f2; pointer-events: none; }
.geo-disputed > div { width: 100%; height: 100%; box-sizing: border-box; transform: rotate(45deg);
  border: 1px solid #fff; outline: 1.5px solid #c2185b; box-shadow: 0 0 3px rgba(0,0,0,.5); }
.geo-label { color: #1a1a1a; font: 600 12px/16px system-ui, -apple-system, "Segoe UI", sans-serif; white-space: nowrap;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; pointer-events: none; padding: 0 3px; }
.geo-gov-label { color: #9a9087; font: italic 10px/12px system-ui, sans-serif; white-space: nowrap;
  text-shadow: 0 0 2px #f7f6f2; pointer-events: none; }
.geo-town-label { color: #6b6b6b; font: 10px/12px system-ui, sans-serif; white-space: nowrap;
  text-shadow: 0 0 2px #f7f6f2, 0 0 2px #f7f6f2; pointer-events: none; }
.leaflet-container path.leaflet-interactive:focus { outline: none; }
.geo-popup-open .leaflet-tooltip-pane { display: none; }
.geo-glyph { margin-left: 3px; font-size: 14px; font-weight: 900; }
.geo-label-area { font-style: italic; font-weight: 500; color: #555; }
.geo-arrow { pointer-events: auto; }
.geo-arrow > div { width: 100%; height: 100%; display: flex; align-items: center; justify-content: center;
  font-size: 18px; line-height: 1; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
.geo-legend { background: rgba(255,255,255,.94); padding: 4px 8px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); width: max-content; max-width: min(640px, calc(100vw - 80px));
  overflow: visible; }
.geo-legend summary { cursor: pointer; font-weight: 600; font-size: 12px; line-height: 18px; color: #333; }
.geo-legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 12px; }
.geo-legend ul.geo-actors { margin-top: 2px; border-top: 1px solid #e4e4e4; padding-top: 2px; }
.geo-legend li { display: flex; align-items: center; gap: 5px; margin: 0; font-size: 11.5px; line-height: 17px;
  white-space: nowrap; }
.geo-legend .geo-actors .geo-swatch { width: 11px; height: 11px; }
.geo-lg-held { display: inline-block; width: 11px; height: 11px; border-radius: 50%; background: #e6b800;
  border: 1px solid #222; flex: none; }
.geo-lg-claimed { display: inline-block; width: 9px; height: 9px; border-radius: 50%; background: transparent;
  border: 2px solid #333; flex: none; }
.geo-lg-disputed { display: inline-block; width: 9px; height: 9px; margin: 1px; transform: rotate(45deg); flex: none;
  background: repeating-linear-gradient(45deg, #e6b800 0 2px, #111 2px 4px); outline: 1.5px solid #c2185b; }
.geo-event { pointer-events: auto; }
.geo-event > div { width: 100%; height: 100%; display: flex; align-items: center; justify-content: center;
  line-height: 1; font-weight: 900; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; cursor: pointer; }
.geo-fit a { width: auto !important; padding: 0 7px; font: 600 12px/30px system-ui, sans-serif; white-space: nowrap; }
.geo-swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; opacity: .75;
  border: 1px solid rgba(0,0,0,.4); flex: none; }
.geo-sym-hatch { display: inline-block; width: 14px; height: 12px; border-radius: 3px; flex: none;
  background: repeating-linear-gradient(45deg, #e6b800 0 3px, #111 3px 6px); opacity: .7; }
.geo-sym-area { display: inline-block; width: 9px; height: 9px; border-radius: 50%; border: 2px dashed #777; flex: none; }
.geo-legend .geo-rule { font-size: 11px; color: #666; margin: 1px 0 0; line-height: 15px; }
.geo-sym-glyph { display: inline-block; width: 14px; text-align: center; flex: none; }
.geo-sym-corridor { display: inline-block; width: 22px; border-top: 3px dashed #333; flex: none; }
.geo-popup h5 { margin: 0 0 4px; font-size: 14px; }
.geo-popup p { margin: 2px 0; }
.geo-popup .geo-ref { color: #999; font-size: 10px; }
.geo-badge { display: inline-block; padding: 0 5px; border-radius: 8px; background: #c2185b; color: #fff;
  font-size: 11px; }
"""


class MapStyle(MacroElement):
    """The CSS for markers, labels, popups and the legend (inline, nothing fetched)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str = MAP_CSS) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css = css


class HtmlControl(MacroElement):
    """A Leaflet control showing prepared (escaped) HTML, e.g. the legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function() {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, css_class: str, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html = html
        self.html_json = safe_json(html)
        self.css_class = css_class
        self.position = position
