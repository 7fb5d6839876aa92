"""The map on the page: its frame built once per corpus and filters, each day's data sent as an
update the frame runs in place (:mod:`geo.mapview.live`), and the click it reports."""
from __future__ import annotations

import re

import streamlit as st

from geo.app.memory import kept
from geo.mapview import build_map
from geo.mapview.live import update_script
from geo.mapview.selection import CLICK_KEYS
from geo.model import Analysis

MAP_KEY = "map"
MAP_HEIGHT = 700  # px: 78% of a 900 px high window


def asset_base() -> str:
    """Where streamlit serves ``static/vendor`` (absolute, so it also resolves inside the map iframe)."""
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}/app/static/vendor" if prefix else "/app/static/vendor"


# --------------------------------------------------------------------------- the map
# st_folium renders and serialises the whole map on every script run (0.6 s at 5,000 claims, on
# every click); the same arguments are built here and handed to st_folium's component as they are,
# so a click reruns the script without touching the map. The map's frame is built once per corpus
# and filters, and each day's data is a small script the frame runs in place (geo.mapview.live):
# Play and the day slider change the map without a new frame.


_UNUSED_ASSET = re.compile(r"/(jquery|bootstrap|leaflet-awesome-markers|fontawesome-free|folium/leaflet\.awesome)|"
                           r"(jquery|bootstrap|awesome)[^/]*\.(js|css)$")


def _folium_payload(fmap) -> dict:
    """What st_folium sends to its component for ``fmap`` (streamlit-folium 0.2x internals)."""
    import branca
    import folium.elements
    from streamlit_folium import _get_header, _get_html, _get_map_string, generate_js_hash, get_full_id

    fmap.render()
    html, header = _get_html(fmap), _get_header(fmap)
    leaflet = _get_map_string(fmap)  # (alters the folium structure: after the two above)
    css: list[str] = []
    js: list[str] = []

    def walk(element):
        if isinstance(element, (branca.colormap.ColorMap, folium.elements.JSCSSMixin)):
            yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    # the map draws with Leaflet alone (no folium.Icon): jQuery, Bootstrap, Font Awesome and the
    # awesome-markers plugin, folium's defaults, would only delay its first appearance
    css = [u for u in css if not _UNUSED_ASSET.search(u)]
    js = [u for u in js if not _UNUSED_ASSET.search(u)]
    return {"script": leaflet, "header": header, "html": html, "id": get_full_id(fmap),
            "css_links": list(dict.fromkeys(css)), "js_links": list(dict.fromkeys(js)),
            "hash": generate_js_hash(leaflet, MAP_KEY, False)}


@st.cache_resource(max_entries=8)
def map_payload(key: str, filters: tuple, base: str | None, _frame: Analysis) -> dict | None:
    """The component arguments of the map's frame, once per corpus, filters (the day is not one)
    and asset location: ``_frame`` gives the first view, the borders and the reference layers; the
    data come from :func:`map_update`. None when this streamlit-folium has other internals (the
    map is then drawn whole by st_folium each run)."""
    try:
        return kept(_folium_payload(build_map(_frame, asset_base=base, view_key=key[:16], popups=False, live=True)))
    except ImportError:
        return None


@st.cache_resource(max_entries=32)
def map_update(key: str, filters: tuple, _view: Analysis) -> str:
    """The script that fills the map's frame with ``_view`` (once per corpus, filters and day)."""
    return kept(update_script(_view))


def show_map(key: str, filters: tuple, view: Analysis, base: str | None, frame: tuple[tuple, Analysis],
             height: int = 0) -> dict | None:
    """Draw the map of ``view``, in the frame of ``frame`` (its filters and analysis: the same for
    every day); st_folium's click value, or None."""
    height = height or MAP_HEIGHT
    payload = map_payload(key, frame[0], base, frame[1])
    if payload is None:
        from streamlit_folium import st_folium

        fmap = build_map(view, asset_base=base, view_key=key[:16], popups=False)
        return st_folium(fmap, key=MAP_KEY, height=height, use_container_width=True,
                         returned_objects=list(CLICK_KEYS), render=False)
    from streamlit_folium import _component_func

    hash_key = payload["hash"]

    def on_change() -> None:
        st.session_state[MAP_KEY] = st.session_state.get(hash_key, {})

    return _component_func(
        script=payload["script"], header=payload["header"], html=payload["html"], id=payload["id"], key=hash_key,
        height=height, width=None, returned_objects=list(CLICK_KEYS), default={k: None for k in CLICK_KEYS},
        zoom=None, center=None, feature_group=map_update(key, filters, view), return_on_hover=False,
        layer_control=None, pixelated=False, css_links=payload["css_links"], js_links=payload["js_links"],
        on_change=on_change, wrap_longitude=False)
