"""The interactive map of an analysis (folium/Leaflet), its click mapping and the claim panel.

>>> fmap = build_map(analysis)                  # doctest: +SKIP
>>> write_map_html(analysis, "map.html")        # doctest: +SKIP
"""
from geo.mapview.builder import DEFAULT_ASSET_BASE, build_map, data_bounds, external_urls, map_layers
from geo.mapview.keys import corridor_key, parse_ref, place_key, zone_key
from geo.mapview.palette import ActorPalette, actor_colour
from geo.mapview.standalone import LATEST, map_html, write_map_html

__all__ = [
    "DEFAULT_ASSET_BASE", "build_map", "data_bounds", "external_urls", "map_layers", "map_html",
    "write_map_html", "LATEST", "actor_colour", "ActorPalette", "place_key", "zone_key", "corridor_key", "parse_ref",
]
