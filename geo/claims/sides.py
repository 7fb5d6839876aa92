"""The sides a claim's trigger names beside its actor: the other subjects joined to it with 'and'
('Turkish forces and the SNA shelled X'), the sides a fight word names after it ('clashed with the
SDF'), and the group a short note says claimed an attack. Read by :mod:`geo.claims.extract`."""
from __future__ import annotations

import re

from geo.claims.actors import ActorMention
from geo.claims.bind_actor import is_helper, is_modifier
from geo.claims.cues import named
from geo.claims.rules import Trigger
from geo.claims.verb_subject import subjects_after

_PREPOSITION_BEFORE = re.compile(r"\b(?:with|of|by|to|from|against|for|on|at|in|into)\s+(?:the\s+)?$")

_RESPONSIBILITY = named("responsibility")


def claimant_of(low: str, actors: list[ActorMention]) -> str | None:
    """The actor a text says claimed an attack: named just before 'claimed responsibility', or
    after 'claimed by'. None when no such claim is made or it names none of the known actors."""
    for match in _RESPONSIBILITY.finditer(low):
        if match.group().endswith("by "):
            after = [a for a in actors if match.end() <= a.start < match.end() + 20]
            if after:
                return after[0].actor
        else:
            before = [a for a in actors if match.start() - 40 <= a.end <= match.start()]
            if before and _claim_subject(low, before[-1], match.start()):
                return before[-1].actor
    return None


def _claim_subject(low: str, actor: ActorMention, at: int) -> bool:
    """Nothing but a few words ('later', 'has') between the actor and its claim of responsibility."""
    return re.fullmatch(r"[\s)”\"'’]*(?:\([^)]*\)\s*)?(?:(?:\w+\s+){0,2})?", low[actor.end:at]) is not None


_AND_BETWEEN = named("and_between")


_AND_VERB = named("and_verb")


def coordinated_actors(low: str, actors: list[ActorMention], actor: str, trigger: Trigger) -> list[str]:
    """The other actors of a subject that joins several with 'and' right before the trigger
    ('Turkish forces and the SNA shelled X', 'regime forces, Hezbollah and Iranian militias
    stormed X'): each of them acts too; a helper or backer before a comma does not."""
    if trigger.subject_after and (after := subjects_after(low, actors, actor, trigger)):
        return after
    before = [a for a in actors if a.end <= trigger.start]
    if len(before) < 2 or before[-1].actor != actor or not _AND_VERB.match(low, before[-1].end, trigger.start):
        return []
    partners: list[str] = []
    for left, right in zip(before[-2::-1], before[::-1]):
        if not _AND_BETWEEN.fullmatch(low, left.end, right.start) or is_helper(low, left) or is_modifier(low, left) \
                or _PREPOSITION_BEFORE.search(low, max(0, left.start - 12), left.start):
            break  # ('Backed by coalition aircraft, the Peshmerga took X', 'under an agreement with the SDF, and
            # Russian police patrolled X': a helper, or the object of a preposition, is no partner)
        if left.actor != actor and left.actor not in partners:
            partners.append(left.actor)
    return partners


_WITH_AFTER = named("with_after")


_AND_NEXT = named("and_next")


def opponents_of(low: str, actors: list[ActorMention], trigger: Trigger) -> list[str]:
    """The sides a fight word names after it ('clashed with the SDF', 'clashes between ISIS and
    the SDF', 'fought against ISIS and HTS'): each of them fights at the place too."""
    after = [a for a in actors if a.start >= trigger.end]
    if not after or not _WITH_AFTER.fullmatch(low, trigger.end, after[0].start):
        return []
    sides = [after[0].actor]
    for left, right in zip(after, after[1:]):
        if not _AND_NEXT.fullmatch(low, left.end, right.start):
            break
        sides.append(right.actor)
    return list(dict.fromkeys(sides))
