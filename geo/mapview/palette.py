"""Colours for actors: fixed, recognisable colours for the main parties, stable ones for the rest."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

UNKNOWN_COLOUR = "#7f7f7f"


@dataclass(frozen=True)
class ActorStyle:
    """A known party: the words that identify it, its legend label and its colour."""

    label: str
    colour: str
    patterns: tuple[str, ...]


# Order matters: the first match wins ("Iraqi Kurdish Peshmerga" is Peshmerga, not Iraqi forces).
KNOWN: tuple[ActorStyle, ...] = (
    ActorStyle("ISIS", "#111111", (r"\bisis\b", r"\bisil\b", r"\bis\b", r"\bdaesh\b", r"islamic state")),
    ActorStyle("Peshmerga", "#c98b00", (r"peshmerga", r"\bkrg\b")),
    ActorStyle("SDF / Kurdish forces", "#e6b800", (r"\bsdf\b", r"\bypg\b", r"\bypj\b", r"syrian democratic", r"\bkurd")),
    ActorStyle("Syrian government", "#d62728", (r"syrian government", r"syrian army", r"\bsaa\b", r"regime",
                                                r"\bassad", r"damascus", r"syrian arab army", r"pro-government")),
    ActorStyle("United States / coalition", "#1f5fbf", (r"united states", r"\bu\.?s\.?\b", r"\busa\b", r"coalition",
                                                        r"american", r"pentagon", r"washington")),
    ActorStyle("Turkey", "#1a7f37", (r"turk", r"ankara")),
    ActorStyle("Rebels", "#5cb85c", (r"rebel", r"\bfsa\b", r"free syrian", r"opposition", r"jaish", r"tahrir",
                                     r"nusra", r"\bhts\b")),
    ActorStyle("Russia", "#7b3fa0", (r"russia", r"moscow", r"kremlin")),
    ActorStyle("Iran", "#0e8c8c", (r"\biran", r"\birgc\b", r"tehran", r"quds force")),
    ActorStyle("Hezbollah", "#e67e22", (r"hezbollah", r"hizbollah", r"hizballah")),
    ActorStyle("Popular Mobilization Forces", "#d45d9e", (r"popular mobili[sz]ation", r"\bpmf\b", r"\bpmu\b",
                                                          r"hashd")),
    ActorStyle("Iraqi forces", "#8c564b", (r"\biraq", r"baghdad")),
)

# For actors outside the known parties: distinct from the colours above and from each other.
FALLBACK = ("#17becf", "#bcbd22", "#9edae5", "#393b79", "#ad494a", "#637939", "#de9ed6", "#8c6d31")


class ActorPalette:
    """Maps actor names to colours (and to the legend label of the party they belong to)."""

    def __init__(self, known: tuple[ActorStyle, ...] = KNOWN, fallback: tuple[str, ...] = FALLBACK) -> None:
        self._known = [(style, re.compile("|".join(style.patterns), re.IGNORECASE)) for style in known]
        self._fallback = fallback

    def style(self, actor: str | None) -> ActorStyle | None:
        """The known party ``actor`` belongs to, or None."""
        if not actor:
            return None
        for style, pattern in self._known:
            if pattern.search(actor):
                return style
        return None

    def colour(self, actor: str | None) -> str:
        """A CSS colour for ``actor``: the party colour, else a stable colour from its name."""
        style = self.style(actor)
        if style is not None:
            return style.colour
        if not actor:
            return UNKNOWN_COLOUR
        digest = hashlib.sha1(actor.strip().lower().encode("utf-8")).digest()
        return self._fallback[digest[0] % len(self._fallback)]


PALETTE = ActorPalette()


def actor_colour(actor: str | None) -> str:
    """Colour of ``actor`` in the default palette.

    >>> actor_colour("ISIL"), actor_colour("SDF"), actor_colour("Syrian government")
    ('#111111', '#e6b800', '#d62728')
    """
    return PALETTE.colour(actor)
