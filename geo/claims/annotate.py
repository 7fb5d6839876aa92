"""The claim stages' document (:class:`geo.claims.document.ClaimDocument`), built once: sentences,
the places a claim may bind to, actor names, relation triggers, which place holds which."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate

from geo.casefold import lowered
from geo.claims import discourse
from geo.claims import syntax as syntax_parse
from geo.claims.actors import ActorMention, find_actors
from geo.claims.clauses import CITY_ANAPHORA, CONTAINER_GAP
from geo.claims.cues import named
from geo.claims.document import ClaimDocument
from geo.claims.rules import Trigger, triggers
from geo.claims.rules import lexicon as rules_lexicon
from geo.claims.sentences import split_sentences
from geo.distance import km_between
from geo.geoparse.context import is_dateline
from geo.model import REGION_KINDS, Document, Mention


# 'Tal Tuqan village', 'Western Maliha town': the mention is a piece of a longer name that a
# place noun follows; the gazetteer does not know the whole name
_NAME_RIGHT = named("name_right")


_NAME_LEFT = named("name_left")


def annotate(doc: Document, mentions: list[Mention], syntax: bool = False) -> ClaimDocument:
    """The claim stages' layers of one document, in order: its lower-cased copy, sentences, the
    places a claim may bind to, actor names (an actor inside a place name is no actor, a place
    inside an actor's name is no place), relation triggers, and which place holds which.

    >>> d = annotate(Document("d", "Turkish forces shelled Afrin. ISIS fled."), [])
    >>> [s.text for s in d.sentences], [a.actor for a in d.actors], [t.relation for t in d.triggers]
    (['Turkish forces shelled Afrin.', 'ISIS fled.'], ['Turkey', 'ISIS'], ['strike', 'lost'])
    >>> [a.actor for a in d.actors_in(d.sentences[1])]
    ['ISIS']
    """
    text = doc.text
    d = ClaimDocument(doc, text, lowered(text))
    d.sentences = split_sentences(doc.id, text)
    places, unresolved = _candidate_places(text, mentions)
    found_actors = find_actors(text, low=d.low, country=_home_country(places))
    inside = _inside_actors(places, found_actors)  # ('the Levant' of 'the Levant Front')
    d.places = [m for m in places if id(m) not in inside]
    # a capital's name the geoparser read as a place or as a name it could not place ('the New Baghdad
    # area') is no government: only its 'actor' mentions are ('Baghdad insists')
    named = sorted((m for m in mentions if m.role in ("place", "unresolved") and not m.surface.isupper()),
                   key=lambda m: m.start)
    if named:
        named_starts = [m.start for m in named]
        found_actors = [a for a in found_actors if not _read_as_place(named, named_starts, a)]
    # 'a QSD checkpoint' read as an unknown place name is an actor's post, not a place left unresolved
    d.unresolved = [u for u in unresolved if not any(a.start < u.end and u.start < a.end for a in found_actors)]
    place_starts = [m.start for m in d.places]
    reach = list(accumulate((m.end for m in d.places), max))
    # 'Tabqa Military Airport' holds no actor
    d.actors = discourse.allies(d.low, [a for a in found_actors if not _inside_place(place_starts, reach, a)])
    # a trigger word that is a place's name is the place ('the town of Hit', 'Tal Hamis')
    d.triggers = [t for t in triggers(text, low=d.low) if not _inside_place(place_starts, reach, t)]
    d.containers = _containers(text, d.places)
    if syntax:
        # only the sentences that can hold a claim: a trigger, and a place or an anaphor ('the town')
        d.parses = syntax_parse.parse(d, [s for s in d.sentences if d.triggers_in(s) and (
            d.places_in(s) or d.unresolved_in(s) or CITY_ANAPHORA.search(d.low, s.start, s.end))])
    return d


def _inside_actors(places: list[Mention], actors: list[ActorMention]) -> set[int]:
    """Ids of the places that lie inside a longer actor's name ending with or after them; each
    place is checked against the actors that reach into it only (found by offset, not all)."""
    by_start = sorted(actors, key=lambda a: a.start)
    starts = [a.start for a in by_start]
    reach = list(accumulate((a.end for a in by_start), max))  # the furthest end of the actors up to each one
    inside = set()
    for m in places:
        for a in by_start[bisect_right(reach, m.start):bisect_left(starts, m.end)]:
            if m.start < a.end and a.end >= m.end and (a.end - a.start) > (m.end - m.start):
                inside.add(id(m))
                break
    return inside


def _read_as_place(named: list[Mention], starts: list[int], actor: ActorMention) -> bool:
    """Whether the geoparser read the actor's words as (the end of) a place name."""
    i = bisect_right(starts, actor.start)
    if not i:
        return False
    m = named[i - 1]
    return actor.end <= m.end and m.surface.endswith(actor.surface)


def _inside_place(place_starts: list[int], reach: list[int], span: ActorMention | Trigger) -> bool:
    """Whether ``span`` overlaps a place (``reach``: the furthest end of the places up to each one)."""
    i = bisect_left(place_starts, span.end)
    return bool(i and reach[i - 1] > span.start)


def _home_country(places: list[Mention]) -> str | None:
    """The country most of the document's places lie in ('the army' there is its army)."""
    counts = Counter(m.country for m in places if m.country)
    return counts.most_common(1)[0][0] if counts else None


def _candidate_places(text: str, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The place mentions a claim may bind to, and the names it must not be moved from.

    A place far outside the theatre that the document does not name as a country ('Bara' read
    as a town in Brazil) and a place that is only a piece of a longer name ('Tal' of 'Tal
    Tuqan', 'Maliha' of 'Western Maliha') are misreadings: they bind no claim, and the claim is
    not moved to another place either.
    """
    theatre = rules_lexicon().theatre | {m.country for m in mentions if m.kind == "country" and m.country}
    places, unresolved = [], []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.role == "unresolved":
            unresolved.append(m)
        elif m.role == "place" and m.lat is not None:
            if is_dateline(text, m.start, m.end):
                continue  # 'WASHINGTON -', 'BEIRUT (Reuters) -': where the report was filed, no place of its claims
            if (m.country and m.country not in theatre) or _piece_of_a_name(text, m):
                unresolved.append(m)
            else:
                places.append(m)
    misread = _far_from_container(text, places)
    if misread:
        unresolved = sorted(unresolved + [m for m in places if id(m) in misread], key=lambda m: m.start)
        places = [m for m in places if id(m) not in misread]
    return places, unresolved


# a town or district holds places within this distance of it ('Edine village in Amadiya district'
# read as Adana, in Turkey, is a misreading); a city may stand for its whole province ('Sukhnah in Homs')
_CONTAINER_REACH_KM = 150.0


def _far_from_container(text: str, places: list[Mention]) -> set[int]:
    """Ids of the places named as lying in a town, city or district ('X village in Y district',
    'X (Y)') that the gazetteer put far from it: a name read as a namesake elsewhere."""
    far: set[int] = set()
    for a, b in reversed(list(zip(places, places[1:]))):
        gap = CONTAINER_GAP.fullmatch(text, a.end, b.start) if b.start - a.end <= 80 and a.kind not in REGION_KINDS else None
        if gap is None or _in_a_list(text, a, b, gap.group()):
            continue  # ('seized Karmah, Rutba and Baiji': three places, none inside the next)
        if id(b) in far and re.fullmatch(r"\s*\(", text[a.end:b.start]):
            far.add(id(a))  # 'Edine (Edin)': one place under two spellings, both misread
        elif b.kind in ("town", "village", "district", "subdistrict") and km_between((a.lat, a.lon), (b.lat, b.lon)) > _CONTAINER_REACH_KM:
            far.add(id(a))
    return far


# ('Mabrukah, the Tell Tamer countryside, and ...': the list goes on after the second place)
_LIST_GOES_ON = named("list_goes_on")
_POSSESSIVE = named("possessive")


_OF_TOWN = named("of_town")


def _containers(text: str, places: list[Mention]) -> dict[int, Mention]:
    """The place mentions that hold the place named just before them ('Tassil town in Dara
    countryside', 'Al Amadiya district of Duhok', 'Aziziyeh village, Hasakeh', 'X (Ninewa)'),
    by id, each with the finer place it holds."""
    held: dict[int, Mention] = {}
    for a, b in zip(places, places[1:]):
        # a named area inside a town's countryside ('Jabal al-Akrad in Latakia countryside') is the finer
        # place; a wide one a town qualifies is not ('the Badia of Al-Mayadin' is the town's desert)
        finer_region = a.kind == "region" and b.kind not in REGION_KINDS and not _OF_TOWN.fullmatch(text, a.end, b.start)
        if a.kind == "country" and b.kind != "country" and b.start - a.end <= 3 and _POSSESSIVE.fullmatch(text, a.end, b.start):
            held[id(a)] = b  # "Syria's Idlib region", "Iraq's Anbar province": the country holds the province
            continue
        if (a.kind in REGION_KINDS and not finer_region) or b.start - a.end > 80 or b.place_id == a.place_id:
            continue
        if b.start - a.end <= 3 and _POSSESSIVE.fullmatch(text, a.end, b.start) and b.kind not in REGION_KINDS | {"country"}:
            held[id(a)] = b  # "Idlib's Khan Sheikhoun", "Syria's Raqqa": the first holds the second
            continue
        gap = CONTAINER_GAP.fullmatch(text, a.end, b.start)
        if gap is None:
            continue
        if _in_a_list(text, a, b, gap.group()):
            continue
        held[id(b)] = a
    return held


def _in_a_list(text: str, a: Mention, b: Mention, gap: str) -> bool:
    """Whether the comma between ``a`` and ``b`` lists places ('Tabqa, Raqqa and Deir ez-Zor')
    rather than places the first in the second ('Sheladiz town, Duhok')."""
    return "," in gap and "(" not in gap and (
        _LIST_GOES_ON.match(text, b.end) is not None
        or re.search(r"(?:,|\band|\bor|&)\s*$", text[max(0, a.start - 6):a.start]) is not None)


def _piece_of_a_name(text: str, m: Mention) -> bool:
    right = _NAME_RIGHT.match(text, m.end)
    if right is None:
        return False
    name_words = text[m.end:right.end()].split()[:-1]  # the words between the mention and the place noun
    return bool(name_words) or _NAME_LEFT.search(text, max(0, m.start - 25), m.start) is not None
