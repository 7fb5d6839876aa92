"""Verb-subject order, the usual one of Arabic news ('سيطرت قوات سوريا الديمقراطية على الرقة'): a
relation of ``subject_after`` (``geo/data/lexicon/ar/relations.toml``) has its subject right after
the verb. The words allowed between are data (``ar/binding_cues.toml`` 'verb_subject_gap'): a few,
no preposition (an actor after 'على' or 'من' is the object).
"""
from __future__ import annotations

from geo.claims.actors import ActorMention
from geo.claims.cues import named
from geo.claims.rules import Trigger

_GAP = named("verb_subject_gap")
_AND_BETWEEN = named("and_between")


def verb_subject(low: str, actors: list[ActorMention], trigger: Trigger) -> tuple[str, bool] | None:
    """``(actor, False)`` for the first actor after the verb when only the gap's words stand
    between ('سيطرت يوم الأحد قوات ...'); else None: the rungs below find a subject before it
    ('قوات النظام تقصف ريف إدلب'). A name that opens with the trigger word holds it: the noun comes
    first in Arabic ('غارات جوية روسية', 'طائرات مسيرة تركية')."""
    holder = next((a for a in actors if a.start == trigger.start and a.end >= trigger.end), None)
    if holder is not None:
        return holder.actor, False
    first = next((a for a in actors if a.start >= trigger.end), None)
    if first is not None and _GAP.fullmatch(low, trigger.end, first.start):
        return first.actor, False
    return None


def subjects_after(low: str, actors: list[ActorMention], actor: str, trigger: Trigger) -> list[str]:
    """The other actors of a subject after the verb, joined to the first one ('دخلت القوات
    التركية وفصائل الجيش الوطني عفرين'): each of them acts too."""
    after = [a for a in actors if a.start >= trigger.end]
    if not after or after[0].actor != actor or not _GAP.fullmatch(low, trigger.end, after[0].start):
        return []
    partners: list[str] = []
    for left, right in zip(after, after[1:]):
        if not _AND_BETWEEN.fullmatch(low, left.end, right.start):
            break
        if right.actor != actor and right.actor not in partners:
            partners.append(right.actor)
    return partners
