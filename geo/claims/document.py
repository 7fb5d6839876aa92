"""The document the claim stages annotate in order, as spaCy's ``Doc`` goes through its pipeline.

:func:`geo.claims.extract.annotate` builds it once per document: the text and its lower-cased
copy (one fold), then the sentences, the place mentions a claim may bind to, the actor names, the
relation triggers and which place holds which. The binding rules read these layers, and each
sentence's share of them, instead of deriving their own copies.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from geo.claims.actors import ActorMention
from geo.claims.rules import Trigger
from geo.model import Document, Mention, Sentence


@dataclass
class ClaimDocument:
    """One document's text and the layers the claim stages added to it, each sorted by offset."""

    doc: Document
    text: str
    low: str  # lower-cased, same offsets (geo.casefold)
    sentences: list[Sentence] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)  # resolved places a claim may bind to
    unresolved: list[Mention] = field(default_factory=list)  # names a claim must not be moved from
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    containers: dict[int, Mention] = field(default_factory=dict)  # id(place) -> the finer place it holds
    parses: dict = field(default_factory=dict)  # sentence start -> geo.claims.syntax.SentenceParse (optional)
    anaphors: dict = field(default_factory=dict)  # sentence start -> its subjects that refer back (geo.claims.bind_actor)
    roles: dict = field(default_factory=dict)  # (question, actor span) -> whether the actor is a modifier, an object (geo.claims.bind_actor)
    _starts: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def _within(self, layer: str, sentence: Sentence) -> list:
        items = getattr(self, layer)
        starts = self._starts.get(layer)
        if starts is None or len(starts) != len(items):
            starts = self._starts[layer] = [x.start for x in items]
        return items[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]

    def places_in(self, sentence: Sentence) -> list[Mention]:
        return self._within("places", sentence)

    def unresolved_in(self, sentence: Sentence) -> list[Mention]:
        return self._within("unresolved", sentence)

    def actors_in(self, sentence: Sentence) -> list[ActorMention]:
        return self._within("actors", sentence)

    def triggers_in(self, sentence: Sentence) -> list[Trigger]:
        return self._within("triggers", sentence)
