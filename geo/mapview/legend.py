"""The map legend: what each symbol says, and which colour is which actor.

Bottom left, compact (symbols and actors in short rows, so it is wide and low: the first view
keeps a strip of its height free, see :func:`legend_room`), folded with one click, and never
scrolling inside itself.
"""
from __future__ import annotations

import math
from collections import Counter

from geo.aggregate.zones import ZONE_RULE
from geo.mapview.base import HtmlControl
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.text import esc
from geo.model import Analysis

MAX_ACTORS = 10
ZONE_RULE_SHORT = "Shaded: ground nearest a held place; striped: disputed."
SYMBOL_COLUMNS = 4
ACTOR_COLUMNS = 5
ROW_PX = 17
FRAME_PX = 40  # title line, padding, margins


def legend_actors(analysis: Analysis, limit: int = MAX_ACTORS) -> list[str]:
    """Actors worth a legend entry: those with zones, corridors or held places first, then by claims."""
    weight: Counter[str] = Counter()
    for zone in analysis.zones:
        weight[zone.actor] += 1000
    for corridor in analysis.corridors:
        weight[corridor.actor] += 100
    for place in analysis.places:
        for holder in place.holders:
            weight[holder] += 10
    for claim in analysis.claims:
        weight[claim.actor] += 1
    return [a for a, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0])) if a][:limit]


SYMBOLS = [
    ('<span class="geo-lg-held"></span>', "held: the holder's colour"),
    ('<span class="geo-lg-claimed"></span>', "claimed, held by nobody"),
    ('<span class="geo-lg-disputed"></span>', "disputed: sources disagree"),
    ('<span class="geo-sym-glyph">\u2738</span>', "strike (doer's colour)"),
    ('<span class="geo-sym-glyph">\u27a4</span>', "advance"),
    ('<span class="geo-sym-corridor"></span>', "corridor, arrow: direction"),
    ('<span class="geo-swatch" style="background:#ddd"></span>', "zone: ground nearest a held place"),
    ('<span class="geo-sym-hatch"></span>', "disputed ground"),
]
AREA_SYMBOL = ('<span class="geo-sym-area"></span>', "a country, region or river")


def legend_html(analysis: Analysis, palette: ActorPalette = PALETTE) -> str:
    """The legend's HTML: symbols, then the actors' colours, in a fold that starts open. Actor
    names are escaped; the zone rule is the zone entry's tooltip."""
    actors = legend_actors(analysis)
    rows = [f'<li><span class="geo-swatch" style="background:{palette.colour(a)}"></span>{esc(a)}</li>'
            for a in actors]
    hidden = len({c.actor for c in analysis.claims} - set(actors))
    if hidden > 0:
        rows.append(f"<li><i>+{hidden} more actors</i></li>")
    symbols = list(SYMBOLS)
    from geo.mapview.places import AREA_KINDS

    if any(p.kind in AREA_KINDS and p.claims for p in analysis.places):
        symbols.append(AREA_SYMBOL)
    keys = "".join(f'<li title="{esc(ZONE_RULE) if "zone" in text else esc(text)}">{mark}{esc(text)}</li>'
                   for mark, text in symbols)
    return "".join([
        '<details open><summary>Legend</summary>',
        f'<ul class="geo-keys">{keys}</ul>',
        f'<ul class="geo-actors">{"".join(rows) or "<li><i>no actor under these filters</i></li>"}</ul>',
        f'<p class="geo-rule" title="{esc(ZONE_RULE)}">{esc(ZONE_RULE_SHORT)}</p>',
        "</details>",
    ])


def legend_room(analysis: Analysis) -> tuple[int, int]:
    """Pixels (right, bottom) to keep free when the map's first view is fitted: a strip of the
    open legend's height at the bottom, so it covers none of the data (an estimate for a
    640 px legend; the browser measures the legend when it is drawn, see MapBehaviour)."""
    actors = len(legend_actors(analysis)) + (1 if len({c.actor for c in analysis.claims}) > MAX_ACTORS else 0)
    symbols = len(SYMBOLS) + 1
    rows = math.ceil(symbols / SYMBOL_COLUMNS) + math.ceil(max(actors, 1) / ACTOR_COLUMNS) + 1  # + the rule line
    return 0, FRAME_PX + ROW_PX * rows


class Legend(HtmlControl):
    """Bottom-left legend control."""

    def __init__(self, analysis: Analysis, palette: ActorPalette = PALETTE) -> None:
        super().__init__(legend_html(analysis, palette), css_class="geo-legend", position="bottomleft")
