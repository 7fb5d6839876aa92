"""Colours for actors: the actor table's colours for the known parties, stable ones for the rest."""
from __future__ import annotations

import hashlib

from geo.claims.actors import actor_colours, canonical_actor

UNKNOWN_COLOUR = "#7f7f7f"


# For actors the actor table gives no colour: distinct from the table's colours and from each other.
FALLBACK = ("#17becf", "#bcbd22", "#9edae5", "#393b79", "#ad494a", "#637939", "#de9ed6", "#8c6d31")


class ActorPalette:
    """Maps actor names to colours: the colour the actor table (``geo/data/lexicon/actors.toml``,
    the same table the claim extractor reads) gives the canonical actor, else a stable colour
    derived from the name.

    >>> ActorPalette({"SDF": "#e6b800"}).colour("SDF")
    '#e6b800'
    """

    def __init__(self, colours: dict[str, str] | None = None, fallback: tuple[str, ...] = FALLBACK) -> None:
        self._colours = colours  # None: read the actor table when first needed
        self._fallback = fallback

    @property
    def colours(self) -> dict[str, str]:
        if self._colours is None:
            self._colours = actor_colours()
        return self._colours

    def colour(self, actor: str | None) -> str:
        """A CSS colour for ``actor`` (any alias of a known actor gets that actor's colour)."""
        if not actor:
            return UNKNOWN_COLOUR
        known = self.colours.get(actor) or self.colours.get(canonical_actor(actor))
        if known:
            return known
        digest = hashlib.sha1(actor.strip().lower().encode("utf-8")).digest()
        return self._fallback[digest[0] % len(self._fallback)]


PALETTE = ActorPalette()


def actor_colour(actor: str | None) -> str:
    """Colour of ``actor`` in the default palette.

    >>> actor_colour("ISIL"), actor_colour("SDF"), actor_colour("the regime")
    ('#111111', '#e6b800', '#d62728')
    """
    return PALETTE.colour(actor)
