"""Claims from sentences: who controls, lost, contests, holds out in, advances on, strikes, or
passes through which place, stated how and according to whom.

Rules, not a model: a sentence's relation triggers are paired with the actor that acts (the
nearest subject before the trigger, or the agent after a passive 'by') and with the places the
trigger governs. Where a sentence names no actor or place ('the city'), the document's last
actor or place stands in, with a lower confidence. A denial with no claim of its own ('The SDF
denies the existence of any agreement') denies the claims of the sentence before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from dataclasses import dataclass, replace
from typing import Iterable

from geo.claims.actors import ARMED_GROUPS, ActorMention, find_actors
from geo.casefold import fold, lowered
from geo.model import Claim, Document, Mention, Sentence
from geo.claims.sentences import split_sentences


@dataclass(frozen=True)
class Trigger:
    relation: str
    start: int
    end: int
    actor_after: bool  # the actor follows the trigger ('controlled by ISIL', 'pockets of ISIL')
    place_before: bool  # the place precedes the trigger ('al-Tanaf, occupied by the US')


_RULES: list[tuple[str, re.Pattern, bool, bool]] = [
    # relation, pattern, actor_after, place_before
    ("control", re.compile(r"\b(?:controlled|held|occupied|captured|seized|liberated|taken|retaken|recaptured|freed)\s+by\b"), True, True),
    ("control", re.compile(r"\bunder\s+(?:the\s+)?(?:full\s+)?(?=\S+(?:\s\S+)?\s+control\b)"), True, True),
    ("control", re.compile(r"\b(?:will|would|to)\s+(?:give|hand(?:\s+over)?|cede|surrender)\b"), True, False),
    ("control", re.compile(r"\bstrongholds?\s+of\b"), True, True),
    ("control", re.compile(
        r"\b(?:(?:took|take[sn]?|taking|gain(?:ed|s)?|seiz(?:e|ed|es|ing)|wrest(?:ed)?|retook|regain(?:ed)?|assum(?:e|ed))\s+(?:full\s+|complete\s+|back\s+)?control"
        r"|(?:in|easy|full|complete)\s+control\s+(?:of|over)|control\s+over"
        r"|captur(?:e|ed|es|ing)|recaptur\w*|retook|retak(?:e|en|ing)|seiz(?:e|ed|es|ing)|overr(?:an|un)"
        r"|liberat(?:e|ed|es|ing|ion)|freed|(?:completely\s+)?taken|took|hold(?:s|ing)?|held"
        r"|occup(?:y|ies|ied|ying)|raised\s+(?:a|the|their)\s+flag|stronghold|fell\s+to)\b"), False, False),
    ("lost", re.compile(r"\b(?:lost|los(?:e|es|ing)|loss\s+of|driven\s+out\s+of|expelled\s+from|pushed\s+out\s+of|retreat(?:ed|ing)?\s+from|withdr(?:ew|awn|awing)\s+from|abandon(?:ed|s)?)\b"), False, False),
    ("contested", re.compile(
        r"\b(?:fight(?:ing|s)?\s+(?:\w+\s+){0,2}?(?:inside|in|for|over|around)|battle\s+(?:for|of|in)|besieg\w*|siege\s+of"
        r"|surround(?:ed|s|ing)?|encircl\w*|push(?:es|ed)?\s+into|break\s+into|storm(?:ed|ing|s)?|attack\s+on"
        r"|attack(?:ed|ing|s)?|assault\s+on|offensive\s+(?:on|against)|clash(?:es|ed)?\s+(?:in|around|near))\b"), False, False),
    ("presence", re.compile(r"\b(?:pockets?\s+of|remnants?\s+of|concentration\s+of(?:\s+forces\s+of)?)\b"), True, True),
    ("presence", re.compile(
        r"\b(?:holed\s+up|hole\s+up|entrenched|exists?\s+in\s+(?:a\s+)?large\s+numbers?|remain(?:s|ed|ing)?\s+in"
        r"|forced\s+back\s+into|hemmed\s+in|holdouts?|presence\s+in|based\s+in|stationed\s+(?:at|in))\b"), False, False),
    ("advance", re.compile(
        r"\b(?:advanc(?:e|ed|es|ing)|push(?:ing|ed|es)?\s+(?:toward|towards|on|closer)|moved?\s+\d+\s+kilomet\w+"
        r"|approach(?:ed|es|ing)|closing\s+in|march(?:ed|ing)?\s+on|kilomet(?:re|er)s?\s+(?:from|(?:to\s+)?the\s+\w+\s+of))\b"), False, False),
    ("strike", re.compile(
        r"\b(?:air\s?strikes?|airstrikes?|air\s+raids?|drone\s+strikes?|strikes?|struck|bomb(?:ed|ing|ings|s|ers)?|shell(?:ed|ing|s)?"
        r"|pound(?:ed|ing)|(?:rockets?|missiles?)\s+(?:at|on)|artillery)\b"), False, False),
    ("corridor", re.compile(
        r"\b(?:safe\s+passage|(?:safe\s+|humanitarian\s+|commercial\s+)?corridors?|escape\s+routes?|left\s+open"
        r"|air-?lift(?:ed|s|ing)?|airlift(?:ed|s|ing)?|bus(?:s)?ed|moved\s+from)\b"), False, False),
    # weak corridor words: a claim only when the sentence names where to
    ("corridor?", re.compile(r"\b(?:escape|evacuat(?:ed|ion)|convoys?|pulling\s+out\s+of|exit\s+of|head(?:ing)?\s+(?:south|north|east|west))\b"), False, False),
]

_DENIED = re.compile(r"\b(?:den(?:y|ies|ied|ial)|refut\w+|no\s+(?:deal|agreement)|never\s+happened)\b")
_DISPUTED = re.compile(r"\b(?:bogus|premature|fake|false\s+claims?|a\s+lie|lie\b|amount\s+to\s+nothing|exaggerat\w+|propaganda|fabricat\w+)")
_ALLEGED = re.compile(
    r"\b(?:reportedly|allegedly|rumou?rs?|according\s+to\s+(?:information|unconfirmed|reports|sources|rumou?rs)|it\s+is\s+claimed"
    r"|claim(?:s|ed)?\s+that|said\s+to|believed\s+to|suspected|(?:a|the|under\s+a)\s+deal|agreement|deliberately|secret(?:ly)?"
    r"|will|would|may|might|could|maybe|trying\s+to|expected\s+to|supposedly|unconfirmed)\b")
_NEGATED = re.compile(r"\b(?:no|not|never|without|n't|nor|unable\s+to|failed\s+to)\s+(?:\S+\s+){0,2}$")
# (A look-ahead on the first letters lets the regex engine skip to where a match can start.)
_ATTRIBUTION = (
    re.compile(r"(?=a)\baccording\s+to\s+(?P<src>(?:the\s+)?[^,.;:]{2,60}?)(?=[,.;:]|\s+(?:a|the)\s|$)"),
    # a name of up to seven capitalised words (taken whole: only the whole name can be followed
    # by the verb, so the atomic group spares the backtracking), or 'the ... spokesman of ...'
    re.compile(r"(?=[A-Zta])(?P<src>(?:(?:the|an?)\s+)?[A-Z][\w’'.-]*+(?>(?:\s+(?:(?:for|of|the|and|on)\s+)*[A-Z][\w’'.-]*+){0,6})(?:\s+\([A-Z]+\))?"
               r"|(?:the|an?)\s+(?:[\w-]+\s+){0,3}(?:spokes(?:man|woman|person)|commander|witness|official|source|representative|ministry|media|monitor)(?:\s+of\s+(?:the\s+)?[\w ]{2,40}?)?)"
               r",?\s+(?:said|says|reported|reports|claimed|announced|told|denie[sd]|confirmed|stated)\b"),
    re.compile(r"\b(?:said|says|reported|announced)\s+(?P<src>(?:the\s+)?[A-Z][^,.;:]{2,60}?)(?=[,.;:]|$)"),
)
# a necessary condition of _ATTRIBUTION[1] and [2] (case-sensitive, like them)
_ATTRIBUTION_VERB = re.compile(r"\b(?:said|says|reported|reports|claimed|announced|told|denie[sd]|confirmed|stated)\b")
_MODIFIER_AFTER = re.compile(r"(?:-|\s)(?:led|backed|supported|sponsored|allied|controlled|held)\b")
_MODIFIER_BEFORE = re.compile(r"\b(?:backed|supported|led|sponsored|armed|trained)\s+by\s+(?:an?\s+|the\s+)?\S*\s*$")
_OBJECT_BEFORE = re.compile(
    r"\b(?:expel(?:led|ling|s)?|against|fight(?:ing|s)?|fought|defeat(?:ed|ing|s)?|attack(?:ed|ing|s)?|struck|hit|to|from|on|at"
    r"|between|into|versus)\s+(?:the\s+)?$")
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that)\s+(?:\w+\s+){0,2}$")
_NOT_A_STRIKE = re.compile(r"\b(?:deal|agreement|bargain|balance|chord)\s+(?:was|were|is|has\s+been|had\s+been)\s+$")
_DESERT_DIRECTION = re.compile(r"\b(?:desert|south)\b")
_CITY_ANAPHORA = re.compile(r"\b(?:the\s+(?:\w+\s+)?(?:city|town|area|village|stadium|hospital|plant|buildings?)|there|inside)\b")
_DIRECTION = re.compile(r"\b(?:to|towards?|into|for|reach)\b")
_TOWARDS = re.compile(r"\b(?:to|towards?|into|for)\b")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:city\s+of\s+)?$")
_LEAVING_BEFORE = re.compile(r"\b(?:leave|out\s+of|from|exit)\s+(?:\S+\s+){0,2}$")

REGION_KINDS = frozenset({"country", "governorate", "region", "river"})


# Literal beginnings of every trigger: one Aho-Corasick pass over the lower-cased text finds the
# few positions where a relation pattern can start; only there are the patterns tried.
_TRIGGER_STEMS = (
    "controlled", "held", "occupied", "occup", "captur", "seiz", "liberat", "taken", "retak", "recaptur", "freed",
    "under", "will ", "would ", "to give", "to hand", "to cede", "to surrender", "stronghold", "took", "take",
    "gain", "wrest", "retook", "regain", "assum", "in control", "easy control", "full control", "complete control",
    "control over", "overr", "completely", "hold", "raised", "fell to", "lost", "los", "driven", "expelled",
    "pushed", "retreat", "withdr", "abandon", "fight", "battle", "besieg", "siege", "surround", "encircl", "push",
    "break", "storm", "attack", "assault", "offensive", "clash", "pocket", "remnant", "concentration", "holed",
    "hole", "entrenched", "exist", "remain", "forced", "hemmed", "holdout", "presence", "based", "stationed",
    "advanc", "move", "approach", "closing", "march", "kilomet", "air", "drone", "strike", "struck", "bomb",
    "shell", "pound", "rocket", "missile", "artillery", "safe", "corridor", "humanitarian", "commercial",
    "escape", "left", "bus", "evacuat", "convoy", "pulling", "exit", "head",
)


def _compile_stems():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for stem in _TRIGGER_STEMS:
        automaton.add_word(stem, len(stem))
    automaton.make_automaton()
    return automaton


_STEMS = _compile_stems()


def _triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Relation triggers in ``text[start:end]``, leftmost-longest, not overlapping."""
    end = len(text) if end is None else end
    low = lowered(text)
    positions = sorted({last - length + 1 for last, length in _STEMS.iter(low, start, end)})
    found: list[Trigger] = []
    taken_until = start
    for pos in positions:
        if pos < taken_until or (pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_")):
            continue
        best = None
        for relation, pattern, actor_after, place_before in _RULES:
            match = pattern.match(low, pos, end)
            if match and match.end() > pos and (best is None or match.end() > best[1]):
                best = (relation, match.end(), actor_after, place_before)
        if best is None:
            continue
        relation, stop, actor_after, place_before = best
        if relation == "strike" and _NOT_A_STRIKE.search(low, max(start, pos - 30), pos):
            continue
        found.append(Trigger(relation, pos, stop, actor_after, place_before))
        taken_until = stop
    return found


def _body_stance(text: str, sentence: Sentence) -> str:
    """The stance the words of a whole sentence give (the same for every trigger in it)."""
    low, lo, hi = lowered(text), sentence.start, sentence.end
    if _DENIED.search(low, lo, hi):
        return "denied"
    if _DISPUTED.search(low, lo, hi):
        return "disputed"
    if _ALLEGED.search(low, lo, hi):
        return "alleged"
    return "asserted"


def _stance(text: str, sentence: Sentence, trigger: Trigger, body_stance: str | None = None) -> str:
    if _NEGATED.search(lowered(text), max(sentence.start, trigger.start - 30), trigger.start):
        return "denied"
    return body_stance or _body_stance(text, sentence)


def attribution_of(sentence: Sentence) -> str:
    """Who the sentence says it is quoting ('the Syrian Observatory for Human Rights (SOHR)')."""
    body = sentence.text
    verb = _ATTRIBUTION_VERB.search(body) is not None
    # pattern 1 is case-blind (run on the lower-cased copy); 2 and 3 read capitals and need a verb
    for pattern, haystack, needs_verb in zip(_ATTRIBUTION, (fold(body), body, body), (False, True, True)):
        if needs_verb and not verb:  # skip their costly scan
            continue
        match = pattern.search(haystack)
        if match:
            return " ".join(body[match.start("src"):match.end("src")].split())[:80]
    return ""


class ClaimExtractor:
    """Extracts the claims of one document from its text and its place mentions."""

    def extract(self, doc: Document, mentions: list[Mention]) -> list[Claim]:
        text = doc.text
        places = [m for m in mentions if m.role == "place"]
        if any(a.start > b.start for a, b in zip(places, places[1:])):
            places.sort(key=lambda m: m.start)  # parse() returns them sorted; bisect below needs it
        place_starts = [m.start for m in places]
        # an actor inside a place name is no actor: the same test as any(s < a.end and a.start < e),
        # with a running maximum of the place ends (spans sorted by start)
        reach = list(accumulate((m.end for m in places), max))
        actors = []
        for a in find_actors(text):
            i = bisect_left(place_starts, a.end)
            if not (i and reach[i - 1] > a.start):
                actors.append(a)
        actor_starts = [a.start for a in actors]
        dominant = _dominant_place(places)
        all_triggers = _triggers(text)
        trigger_starts = [t.start for t in all_triggers]
        self._desert = next((m for m in places if m.kind == "region" and "desert" in (m.name or "").lower()), None)
        claims: list[Claim] = []
        last_actor: str | None = None
        last_place: Mention | None = dominant
        previous: list[Claim] = []
        for sentence in split_sentences(doc.id, text):
            lo, hi = sentence.start, sentence.end
            in_places = places[bisect_left(place_starts, lo):bisect_left(place_starts, hi)]
            in_actors = actors[bisect_left(actor_starts, lo):bisect_left(actor_starts, hi)]
            triggers = all_triggers[bisect_left(trigger_starts, lo):bisect_left(trigger_starts, hi)]
            # attribution is needed only by claims of this sentence or a denial of the previous ones
            attribution = attribution_of(sentence) if triggers or previous else ""
            own: list[Claim] = []
            body_stance = None
            for trigger in triggers:
                actor, carried = self._actor(text, trigger, in_actors, last_actor)
                if actor is None:
                    continue
                last_actor = actor
                targets = self._places(text, sentence, trigger, in_places, last_place)
                if body_stance is None:
                    body_stance = _body_stance(text, sentence)
                stance = _stance(text, sentence, trigger, body_stance)
                for place, destination, fallback in targets:
                    confidence = 0.75 - (0.2 if carried else 0.0) - (0.25 if fallback else 0.0)
                    own.append(_claim(doc, sentence, trigger, actor, place, destination, stance,
                                      attribution, round(max(confidence, 0.1), 2)))
            if not own and previous and _DENIED.search(lowered(text), sentence.start, sentence.end):
                denier = attribution or (in_actors[0].surface if in_actors else "")
                own = [replace(c, start=sentence.start, end=sentence.end, text=sentence.text, stance="denied",
                               attribution=denier, confidence=round(c.confidence * 0.8, 2),
                               place_start=-1, place_end=-1) for c in previous]
            claims.extend(own)
            previous = own
            for m in reversed(in_places):
                if m.kind not in REGION_KINDS:
                    last_place = m
                    break
        return _dedupe(claims)

    # -- actor ---------------------------------------------------------------------------
    @staticmethod
    def _actor(text: str, trigger: Trigger, in_actors: list[ActorMention], last_actor: str | None) -> tuple[str | None, bool]:
        if trigger.relation.startswith("corridor"):
            armed = [a for a in in_actors if a.actor in ARMED_GROUPS]
            if armed:
                return min(armed, key=lambda a: abs(a.start - trigger.start)).actor, False
        if trigger.actor_after:
            after = [a for a in in_actors if a.start >= trigger.end]
            if after:
                return (after[-1] if trigger.relation == "control" and not trigger.place_before else after[0]).actor, False
        before = [a for a in in_actors if a.end <= trigger.start]
        if before and _RELATIVE_BEFORE.search(lowered(text), max(0, trigger.start - 25), trigger.start):
            return before[-1].actor, False  # 'the Syrian Arab Army ... who have advanced'
        before = [a for a in before if not _is_modifier(text, a) and not _is_object(text, a)]
        if before:
            return before[-1].actor, False
        if last_actor is not None:
            return last_actor, True
        return None, False

    # -- places --------------------------------------------------------------------------
    def _places(self, text: str, sentence: Sentence, trigger: Trigger, in_places: list[Mention],
                last_place: Mention | None) -> list[tuple[Mention, Mention | None, bool]]:
        after = [m for m in in_places if m.start >= trigger.end]
        before = [m for m in in_places if m.end <= trigger.start]
        if trigger.relation.startswith("corridor"):
            found = _corridor_places(text, sentence, trigger, before, after, last_place)
            if self._desert is not None and _DESERT_DIRECTION.search(lowered(text), sentence.start, sentence.end):
                # 'moved to the South of the country' in a report that names the desert they go to
                found = [(o, d or (self._desert if o.place_id != self._desert.place_id else None), f) for o, d, f in found]
            return found
        sides = (before[::-1], after) if trigger.place_before else (after, before[::-1])
        side = sides[0] or sides[1]
        if not side:
            if last_place is not None and _CITY_ANAPHORA.search(lowered(text), sentence.start, sentence.end):
                return [(last_place, None, True)]
            return []
        specific = [m for m in side if m.kind not in REGION_KINDS]
        head = (specific or side)[0]
        group = _enumeration(text, in_places, head)
        destination = _from_to_destination(text, sentence, head, in_places)
        return [(m, destination, False) for m in group]


def _corridor_places(text: str, sentence: Sentence, trigger: Trigger, before: list[Mention], after: list[Mention],
                     last_place: Mention | None) -> list[tuple[Mention, Mention | None, bool]]:
    everything = sorted(before + after, key=lambda m: m.start)
    for origin in everything:
        destination = _from_to_destination(text, sentence, origin, everything)
        if destination is not None:
            return [(origin, destination, False)]
    specific_before = [m for m in before if m.kind not in REGION_KINDS]
    origin = specific_before[-1] if specific_before else None
    fallback = False
    if origin is None:
        specific_after = [m for m in after if m.kind not in REGION_KINDS]
        if specific_after and _LEAVING_BEFORE.search(lowered(text), max(sentence.start, specific_after[0].start - 25), specific_after[0].start):
            origin = specific_after[0]
        elif last_place is not None:
            origin, fallback = last_place, True
    if origin is None:
        return []
    destinations = []
    previous_end = max(trigger.end, origin.end)
    for m in (m for m in after if m.start >= previous_end):
        if m.place_id != origin.place_id and _DIRECTION.search(lowered(text), previous_end, m.start):
            destinations.append(m)
        previous_end = m.end
    specific = [m for m in destinations if m.kind != "country"] or destinations
    seen, unique = set(), []
    for m in specific:
        if m.place_id not in seen:
            seen.add(m.place_id)
            unique.append(m)
    if not unique:
        return [] if trigger.relation == "corridor?" else [(origin, None, fallback)]
    return [(origin, d, fallback) for d in unique]


def _from_to_destination(text: str, sentence: Sentence, origin: Mention, in_places: list[Mention]) -> Mention | None:
    """'from Raqqa to the side of the Syrian Palmyra': the place after 'to' when ``origin`` follows 'from'."""
    low = lowered(text)
    if not _FROM_BEFORE.search(low, max(sentence.start, origin.start - 20), origin.start):
        return None
    for m in in_places:
        if m.start > origin.end and m.place_id != origin.place_id:
            if m.start - origin.end < 60 and _TOWARDS.search(low, origin.end, m.start):
                return m
            break
    return None


def _enumeration(text: str, in_places: list[Mention], head: Mention) -> list[Mention]:
    """'al-Mayadeen, Deir Al-Zour and al-Bu Kamal': the places listed with ``head``."""
    group = [head]
    ordered = sorted(in_places, key=lambda m: m.start)
    index = ordered.index(head)
    for direction in (-1, 1):
        i = index
        while 0 <= i + direction < len(ordered):
            a, b = (ordered[i + direction], ordered[i]) if direction < 0 else (ordered[i], ordered[i + direction])
            if not re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)", text[a.end:b.start]):
                break
            i += direction
            group.append(ordered[i])
    seen, unique = set(), []
    for m in sorted(group, key=lambda m: m.start):
        if m.place_id not in seen and m.kind not in REGION_KINDS | {"country"}:
            seen.add(m.place_id)
            unique.append(m)
    return unique or [head]


def _is_modifier(text: str, actor: ActorMention) -> bool:
    """'US-led', 'backed by the coalition': an actor that qualifies another one."""
    low = lowered(text)
    return bool(_MODIFIER_AFTER.match(low, actor.end, actor.end + 12) or
                _MODIFIER_BEFORE.search(low, max(0, actor.start - 30), actor.start))


def _is_object(text: str, actor: ActorMention) -> bool:
    """'expel the ISIS militants', 'fighting Isis': an actor acted upon."""
    return bool(_OBJECT_BEFORE.search(lowered(text), max(0, actor.start - 25), actor.start))


def _dominant_place(places: list[Mention]) -> Mention | None:
    counts: dict[str, list[Mention]] = {}
    for m in places:
        if m.kind not in REGION_KINDS:
            counts.setdefault(m.place_id, []).append(m)
    if not counts:
        return None
    return max(counts.values(), key=len)[0]


def _claim(doc: Document, sentence: Sentence, trigger: Trigger, actor: str, place: Mention,
           destination: Mention | None, stance: str, attribution: str, confidence: float) -> Claim:
    return Claim(
        doc=doc.id, start=sentence.start, end=sentence.end, text=sentence.text, actor=actor,
        relation=trigger.relation.rstrip("?"), place=place.name, place_id=place.place_id, lat=place.lat, lon=place.lon,
        stance=stance, attribution=attribution, confidence=confidence,
        to_place=destination.name if destination else None,
        to_place_id=destination.place_id if destination else None,
        to_lat=destination.lat if destination else None, to_lon=destination.lon if destination else None,
        place_start=place.start if place.doc == doc.id and sentence.start <= place.start < sentence.end else -1,
        place_end=place.end if place.doc == doc.id and sentence.start <= place.start < sentence.end else -1,
    )


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    seen, unique = set(), []
    for c in claims:
        key = (c.doc, c.start, c.actor, c.relation, c.place_id, c.to_place_id)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
