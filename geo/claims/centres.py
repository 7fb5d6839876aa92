"""The actors a text is about, sentence by sentence: what 'they', 'the group', 'the forces' in a
later sentence refer back to (:func:`geo.claims.bind_actor.anaphoric_subject` asks for them).
Split from :mod:`geo.claims.bind_actor`."""
from __future__ import annotations

from geo.claims.actors import ActorMention
from geo.claims.bind_actor import acted_upon, antecedent, is_helper, last_anaphor, modifier
from geo.claims.cues import named
from geo.claims.document import ClaimDocument
from geo.claims.rules import Trigger
from geo.model import Sentence

_SPEAKS_AFTER = named("speaks_after")  # ('Turkey condemned the attack': a speaker, not what the text is about)
_CARRIES_AFTER = named("carries_after")


def centre(d: ClaimDocument, sentence: Sentence, in_actors: list[ActorMention], triggers: list[Trigger],
           centres: tuple[str, ...]) -> str | None:
    """The actor a sentence is about, which 'they' in the next one refers back to: its first
    subject before its first trigger (no modifier, object, helper or speaker), or the actor its own
    subject refers back to ('They then shelled X' keeps the text on ISIS)."""
    low = d.low
    first = triggers[0].start if triggers else sentence.end
    for a in in_actors:
        if a.start >= first:
            break
        if not (modifier(d, a) or acted_upon(d, a, "control") or is_helper(low, a)
                or _SPEAKS_AFTER.match(low, a.end)):
            if _CARRIES_AFTER.match(low, a.end):  # ('US helicopters airlifted SDF fighters': the ones carried)
                return next((b.actor for b in in_actors if b.start > a.end and b.actor != a.actor), a.actor)
            return a.actor
    found = last_anaphor(d, sentence, first)
    if found is not None:
        return antecedent(centres, found[2])
    # ('The Third Battle of X began on D, when the Iraqi army ... moved to retake the city': a sentence
    # that opens with its event noun is about the subject before its next trigger)
    second = triggers[1].start if len(triggers) > 1 else None
    if second is not None and triggers[0].relation == "contested" and triggers[0].start - sentence.start < 40:
        return next((a.actor for a in in_actors if first < a.start < second and not (
            modifier(d, a) or acted_upon(d, a, "control") or is_helper(low, a))), None)
    return None


class Centres:
    """The actors the sentences so far are about, latest first, worked out only when a subject
    that refers back asks for them (most documents never do: the sentences wait in ``pending``)."""

    def __init__(self, d: ClaimDocument) -> None:
        self.d = d
        self.pending: list[tuple[Sentence, list[ActorMention], list[Trigger]]] = []
        self.known: tuple[str, ...] = ()

    def add(self, sentence: Sentence, in_actors: list[ActorMention], triggers: list[Trigger]) -> None:
        self.pending.append((sentence, in_actors, triggers))

    def now(self) -> tuple[str, ...]:
        for sentence, in_actors, triggers in self.pending:
            if (about := centre(self.d, sentence, in_actors, triggers, self.known)) is not None:
                self.known = (about, *(c for c in self.known if c != about))[:6]
        self.pending.clear()
        return self.known
