"""Discourse for the claims stage: what refers back, whose allies, which clause binds, how an
offensive's opening sentence reads. Helpers of :mod:`geo.claims.extract` for long-form reporting;
the constructions themselves are records in ``geo/data/claims/constructions.toml``
(:mod:`geo.claims.constructions`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from geo.claims import constructions
from geo.claims.actors import ActorMention
from geo.claims.clauses import CITY_ANAPHORA, LOCATED_AFTER, in_relative_clause, reference_kind
from geo.claims.actors import lexicon as actor_lexicon
from geo.claims.cues import named
from geo.claims.rules import Trigger
from geo.knowledge import bearing_pattern, place_noun_pattern
from geo.model import REGION_KINDS, Mention, Sentence


_ALLY_WORDS = named("ally_words")
_ALLIED_BEFORE = named("allied_before")


def allies(low: str, actors: list[ActorMention]) -> list[ActorMention]:
    """'YPG and allied forces': the allies named right after a group count as that group."""
    out = list(actors)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a.actor == b.actor:
            continue
        if _ALLY_WORDS.match(low, b.start) and constructions.allied(low, a.end, b.start):
            out[i] = replace(b, actor=a.actor)
        elif (before := _ALLIED_BEFORE.search(low, max(a.end, b.start - 12), b.start)) is not None \
                and constructions.allied(low, a.end, before.start()):
            out[i] = replace(b, actor=a.actor)  # 'Iraqi troops and allied militiamen'
    return out


def in_description(low: str, sentence: Sentence, trigger: Trigger, in_places: list[Mention],
                    bound: set[int]) -> bool:
    """Whether a control word lies in a description of a place that an earlier change of hands of
    the sentence binds ('captured Baghouz, the last pocket held by Islamic State'; ``bound``: where
    the places those claims bind start), not one an earlier clause names ('After taking Dabiq, the
    rebels turned towards al-Bab, the last ISIL stronghold': ISIS holds al-Bab)."""
    if trigger.relation != "control" or not bound:
        return False
    for m in in_places:
        if m.end <= trigger.start and m.start in bound:
            found = constructions.appositive_after(low, m.end, sentence.end)
            if found is not None and m.end <= trigger.start < found.end():
                return True
    return False


def descriptions(low: str, sentence: Sentence, in_places: list[Mention]) -> list[tuple[int, int]]:
    """The spans of the descriptions of places in the sentence ('al-Sukhnah, one of the last ISIL
    strongholds before Deir ez-Zor,'): from the place's end to the next comma or the sentence's end."""
    spans = []
    for m in in_places:
        if low[m.end:m.end + 2].lstrip()[:1] != ",":
            continue  # (a description follows its place after a comma)
        found = constructions.appositive_after(low, m.end, sentence.end)
        if found is not None:
            comma = low.find(",", found.end(), sentence.end)
            spans.append((m.end, comma if comma >= 0 else sentence.end))
    return spans


def outside_descriptions(spans: list[tuple[int, int]], at: int):
    """For a trigger at ``at``: a filter that drops the mentions inside a description the trigger is not in."""
    if not spans or any(start <= at < end for start, end in spans):
        return lambda mentions: mentions
    return lambda mentions: [m for m in mentions if not any(start <= m.start < end for start, end in spans)]


_DOER_BY = named("doer_by")
_AGAINST = named("against")


def lead_bindings(sentence: Sentence, low: str, opening: re.Match, in_actors: list[ActorMention],
                  in_places: list[Mention]) -> list[tuple[str, Mention]]:
    """'The X offensive was a military operation launched by Y (and W) against Z in V': Y and W
    contest X and V. Nothing when the sentence names no doer."""
    verb_start, verb_end = opening.start("verb"), opening.end("verb")
    doers = [a for a in in_actors if opening.start() < a.start and a.end <= verb_start]  # 'a Y military operation'
    if not doers:
        by = _DOER_BY.search(low, opening.start(), sentence.end)
        after = [a for a in in_actors if by is not None and a.start >= by.end()]
        if after and after[0].start - by.end() < 40:
            doers = [after[0]]
            for left, right in zip(after, after[1:]):
                if not _AGAINST.fullmatch(low, left.end, right.start):
                    break
                doers.append(right)
    actors = list(dict.fromkeys(a.actor for a in doers))
    places, seen = [], set()
    for m in in_places:
        # ('the city west of Mosul', which the geoparser places at Mosul: the lead names its places)
        if m.kind != "country" and m.place_id not in seen and not CITY_ANAPHORA.match(low, m.start):
            seen.add(m.place_id)
            places.append(m)
    places = [m for m in places if reference_kind(low, sentence, m) is None] or places  # ('located north of Aleppo')
    places = [m for m in places if m.kind not in REGION_KINDS] or places  # 'in the Aleppo Governorate' holds them
    return [(actor, m) for actor in actors for m in places]


def opening_bindings(sentence: Sentence, opening: re.Match, actors: list[ActorMention], in_places: list[Mention],
                     triggers: list[Trigger]) -> list[tuple[str, Mention]]:
    """'The Battle of X began on D, when Y and W advanced on the city': Y and W (``actors``: those of
    the sentence that may act, no helper or modifier), named before the clause's first verb,
    contest the places of the battle's name."""
    battle = [m for m in in_places if opening.start("name") <= m.start and m.end <= opening.end("name") and m.kind != "country"]
    first = next((t.start for t in triggers if t.start >= opening.end()), sentence.end)
    doers = dict.fromkeys(a.actor for a in actors if opening.end() <= a.start and a.end <= first)
    return [(actor, m) for actor in doers for m in battle]


_PROVINCE = "(?:" + place_noun_pattern("governorate") + "|countryside)"
_PROVINCE_WORDS = re.compile(r"(?:(?:the\s+)?(?:" + bearing_pattern(ern=True) + r"|central)\s+(?:" + _PROVINCE + r"\s+of\s+)?"
                             r"|(?:the\s+)?(?:\w+\s+)?" + _PROVINCE + r"\s+of\s+)$")
_PROVINCE_AFTER = re.compile(r"(?:\s+(?:and|,)\s+[\w'’ -]{2,30}?)?\s+" + _PROVINCE + r"s?\b")


def in_province(low: str, place: Mention) -> bool:
    """'villages in southern Idlib', 'two villages in the southern province of Daraa', 'areas in
    Hama countryside': a place named as the province the villages lie in (taken there: the
    province's ground changed hands)."""
    return place.kind in REGION_KINDS or bool(_PROVINCE_WORDS.search(low, max(0, place.start - 40), place.start)) \
        or bool(_PROVINCE_AFTER.match(low, place.end, place.end + 50))


# the kinds of place a noun that refers back can name ('the city' a city, 'the airbase' a facility)
_ANAPHOR_KINDS = (("city", {"city"}), ("town", {"town", "city"}), ("village", {"village", "town"}),
                  ("base", {"facility"}), ("airport", {"facility"}), ("dam", {"facility"}), ("field", {"facility"}),
                  ("refinery", {"facility"}), ("mountain", {"hill"}), ("hill", {"hill"}))
_ANAPHOR_NOUN = named("anaphor_noun")


# ('in the north-west of the city' is inside it)
_BEARING_BEFORE = named("bearing_before")


def place_told_about(low: str, sentence: Sentence, in_places: list[Mention], claims: list,
                     trigger_at: dict[int, int], descriptions: list[tuple[int, int]], containers) -> Mention | None:
    """What 'the town' of the next sentences refers to, after this one: the place its claims are
    about, the latest one a verb takes as its object ('seized X in May and then advanced on Y': Y;
    'stormed the town of Hit, forcing families to flee toward Ramadi': Hit), not one a description
    of another names ('X, a town in the Homs desert south-east of Homs'), not a subject ('the rebels
    retook X, while Damascus denied the loss'); else the last place it names that is neither a
    reference point, nor in a relative clause ('the town, which lies on the highway linking Damascus
    with Aleppo'), nor where forces set out from. None: the sentence changes nothing.
    ``trigger_at``: where each claim's trigger starts (by the claim's id)."""
    if not in_places:
        return None
    bound = {c.place_start for c in claims if c.place_start >= 0}
    about = [m for m in in_places if m.start in bound and m.kind not in REGION_KINDS
             and not any(start <= m.start < end for start, end in descriptions)]
    objects = {c.place_start for c in claims if c.place_start > trigger_at.get(id(c), c.place_start)}
    for m in [m for m in about if m.start in objects][-1:] or about[:1] or reversed(in_places):
        if m.kind not in REGION_KINDS and id(m) not in containers and reference_kind(low, sentence, m) is None \
                and not in_relative_clause(low, sentence, m) and not named_as_origin(low, sentence, m):
            return m
    return None


_FELL_BACK = named("fell_back")


def place_left_behind(low: str, trigger: Trigger, targets: list, about: Mention | None) -> Mention | None:
    """'Ramadi fell ... . Iraqi troops withdrew to the Habbaniyah base east of the city': a side that
    falls back to another place lost the place the text is about (``about``, a town or city);
    nothing when it falls back into that place ('withdrew to the southern part of the town') or
    names no place to go to. ``targets``: the places the trigger binds (mention, destination, fallback)."""
    if about is None or about.kind in REGION_KINDS or not targets \
            or not _FELL_BACK.match(low, trigger.start):
        return None
    if any(m.place_id == about.place_id or m.kind in REGION_KINDS for m, _, _ in targets):
        return None
    return about


_PASSIVE_RELATIVE_BEFORE = named("passive_relative_before")
_PLACE_NOUN_BEFORE = named("place_noun_before")


def place_taken_in_passive(low: str, sentence: Sentence, trigger: Trigger, in_places: list[Mention]) -> bool:
    """Whether the trigger is the verb of a passive relative clause about a place ('al-Ayadiya, a
    small town that was recaptured on 2 September', 'Bartella, which was retaken'): the pronoun
    stands for the place taken; the doer is left unsaid, not the actor named before it."""
    found = _PASSIVE_RELATIVE_BEFORE.search(low, max(sentence.start, trigger.start - 40), trigger.start)
    if found is None:
        return False
    pronoun = found.start("pronoun")
    return _PLACE_NOUN_BEFORE.search(low, max(sentence.start, pronoun - 40), pronoun) is not None \
        or any(0 <= pronoun - m.end <= 3 for m in in_places)


_ORIGIN_BEFORE = named("origin_before")


def named_as_origin(low: str, sentence: Sentence, m: Mention) -> bool:
    """Whether ``m`` is named only as where forces set out from ('advanced along the highway from
    Palmyra', 'converged on the town from across the border at al-Qaim'): not a place the text
    goes on about, so not what 'the city' next refers to."""
    start = max(sentence.start, m.start - 120)
    return "from" in low[max(start, m.start - 60):m.start] and _ORIGIN_BEFORE.search(low, start, m.start) is not None


def referent(low: str, sentence: Sentence, salience: dict[str, tuple[int, int, Mention]],
              last_place: Mention | None) -> Mention | None:
    """The place 'the city', 'the town', 'the airbase' of this sentence stands for: the most
    mentioned place of a fitting kind so far (the latest among equals), not any last place ('ISIS
    captured a mountain overlooking the city' after 'the highway between the city and Damascus'
    is about the city of the article); 'it', 'there', 'the area' stay the last place named."""
    found = _ANAPHOR_NOUN.search(low, sentence.start, sentence.end)
    if found is None:
        return last_place
    if _BEARING_BEFORE.search(low, max(sentence.start, found.start() - 30), found.start()):
        return None  # 'al-Khashir checkpoint (north east of the airport)': a reference point, not the place
    if LOCATED_AFTER.match(low, found.end()):
        return None  # 'the main bridge east of Tell Abyad': a new thing, placed by the words after it
    noun = found.group("noun").replace(" ", "")
    kinds = next((k for word, k in _ANAPHOR_KINDS if noun.endswith(word)), None)
    if kinds is None:
        return last_place
    unnamed = _unnamed_antecedent(low, noun, sentence.start)
    # (a place named right after it locates it: 'a town near Idlib')
    if unnamed is not None and all(v[2].start < unnamed or v[2].start < unnamed + 60
                                   for v in salience.values() if v[2].kind in kinds):
        return None  # 'ISIS took a village near X. The army re-secured the village': that village, not X
    if last_place is not None and last_place.kind in kinds and noun not in ("city",) and \
            salience.get(last_place.place_id, (0, 0, None))[1] >= sentence.start - 400:
        return last_place  # a town just named: 'captured X. The town had ...'
    fitting = [v for v in salience.values() if v[2].kind in kinds and (
        v[2].kind != "facility" or noun.replace("air", "") in (v[2].name or "").lower().replace(" ", "")
        or noun == "airport" and "air" in (v[2].name or "").lower())]
    if not fitting:
        return last_place if last_place is not None and last_place.kind in kinds else None
    return max(fitting, key=lambda v: (v[0], v[1]))[2]


def _unnamed_antecedent(low: str, noun: str, sentence_start: int) -> int | None:
    """Where the sentence before introduces an unnamed one of the noun ('a village near X'), if it
    does; an apposition names it ('overran X, a town in the desert': the town is X)."""
    last = None
    window = low[max(0, sentence_start - 300):sentence_start]
    for m in re.finditer(r"\b(?:a|an|another|one)\s+(?:[\w-]+\s+)?" + re.escape(noun) + r"\b(?!\s+(?:of|called|named|known)\b)",
                         window):
        if not window[:m.start()].rstrip().endswith(","):
            last = max(0, sentence_start - 300) + m.start()
    return last


def flies(actor: str) -> bool:
    """Whether the actor is a state (whose aircraft an unattributed air strike in its campaign is)."""
    info = actor_lexicon().actors.get(actor)
    return info is not None and info.kind == "state"
