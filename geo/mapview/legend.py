"""The map legend: which colour is which actor, and what the symbols mean."""
from __future__ import annotations

from collections import Counter

from geo.aggregate.zones import ZONE_RULE
from geo.mapview.base import HtmlControl
from geo.mapview.palette import PALETTE, ActorPalette
from geo.mapview.text import esc
from geo.model import Analysis

MAX_ACTORS = 12
ZONE_RULE_SHORT = "Shaded: ground nearest a held place; striped: disputed."


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


def legend_html(analysis: Analysis, palette: ActorPalette = PALETTE) -> str:
    """The legend's HTML: the actors' colours always shown (a compact list), symbols and the
    rule zones follow folded away until opened. Actor names are escaped."""
    actors = legend_actors(analysis)
    rows = [f'<li><span class="geo-swatch" style="background:{palette.colour(a)}"></span>{esc(a)}</li>'
            for a in actors]
    hidden = len({c.actor for c in analysis.claims} - set(actors))
    if hidden > 0:
        rows.append(f"<li><i>+{hidden} more actors</i></li>")
    parts = ["<h4>Actors</h4>", f"<ul class=\"geo-actors\">{''.join(rows) or '<li><i>none under these filters</i></li>'}</ul>",
             f'<p class="geo-rule">{esc(ZONE_RULE_SHORT)}</p>',
             "<details><summary>Symbols and zones</summary><ul>",
             '<li><span class="geo-sym-place"></span>place (size: number of claims)</li>',
             '<li><span class="geo-sym-disputed"></span>disputed: sources disagree</li>',
             '<li><span class="geo-sym-corridor"></span>corridor, arrow = direction</li>',
             '<li><span class="geo-sym-glyph">\u2738</span>after a name: strikes reported there</li>',
             '<li><span class="geo-sym-glyph">\u27a4</span>after a name: an advance on it</li>',
             '<li><span class="geo-sym-area"></span>a country, region or river (not a point)</li>',
             '<li><span class="geo-swatch" style="background:#ddd"></span>zone claimed for an actor</li>',
             '<li><span class="geo-sym-hatch"></span>disputed ground: stripes of each claimed holder</li>',
             f'</ul><p class="geo-rule">{esc(ZONE_RULE)}</p></details>']
    return "".join(parts)


def legend_room(analysis: Analysis) -> tuple[int, int]:
    """Pixels (right, bottom) to keep free when the map's first view is fitted: the folded
    legend's height at the bottom (keeping a strip of that height free costs less zoom than a
    column of its width, the theatre being wider than tall), so it covers none of the data."""
    actors = len(legend_actors(analysis)) + (1 if len({c.actor for c in analysis.claims}) > MAX_ACTORS else 0)
    return 0, 120 + 17 * max(actors, 1)


class Legend(HtmlControl):
    """Bottom-right legend control."""

    def __init__(self, analysis: Analysis, palette: ActorPalette = PALETTE) -> None:
        super().__init__(legend_html(analysis, palette), css_class="geo-legend", position="bottomright")
