"""A map refilled in place: the app draws the map's frame once per corpus and filters (borders,
reference layers, the first view, empty data layers; ``build_map(..., live=True)``) and sends each
day's data as a small script the frame runs (streamlit-folium's ``feature_group`` argument, which
runs without reloading the map): its layers are emptied and filled again, the names placed
again, the legend rewritten (``window.geoUpdate``: :class:`geo.mapview.behaviour.LiveUpdate`).
Play and the day slider then change the map without a new frame, and the user's zoom, pan and
layer choices stay as they are.
"""
from __future__ import annotations

from geo.mapview.base import safe_json
from geo.mapview.builder import data_layers
from geo.mapview.labels import label_rows
from geo.mapview.legend import legend_html
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.zones import hatch_patterns
from geo.model import Analysis


def update_script(analysis: Analysis, palette: ActorPalette = PALETTE, popups: bool = False) -> str:
    """The script that fills a live map's frame with ``analysis`` (every text escaped in Python,
    as for a whole map; without popups, as the app draws it: its panel shows them)."""
    layers = data_layers(analysis, palette, every=True)
    if not popups:
        for layer in layers:
            for feature in layer.features:
                feature["properties"].pop("_popup", None)
    claimed = [p for p in analysis.places if p.claims]
    data = {layer.layer_name: layer.data for layer in layers}
    return (f"window.geoUpdate({safe_json(data)}, {safe_json(label_rows(claimed, palette))}, "
            f"{safe_json(legend_html(analysis, palette))}, {safe_json(hatch_patterns(layers[1].colour_sets))});\n")
