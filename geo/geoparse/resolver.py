"""From name hits to mentions: rank each hit's candidate places by the document's context.

Signals, in the spirit of Mordecai's ranker but without a model: the curated theatre
gazetteer and the Syria/Iraq prior, the countries the document talks about, the distance to the
places it names without ambiguity, population, and the kind the surrounding words ask for.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable

from geo.casefold import lowered
from geo.geoparse import context
from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex, is_curated
from geo.geoparse.index_build import DEMONYM, STOP, read_demonyms
from geo.geoparse.matcher import NameHit, starts_sentence
from geo.geoparse.memo import BoundedMemo
from geo.distance import km_between
from geo.geoparse.normalize import name_key
from geo.geoparse.ranking import (abroad_is_plausible, acceptable, COMMON_AT_SENTENCE_START, COMPASS_WORDS,
                                  common_words_only,
                                  CONTAINED_IN, CONTAINER_KM, Context, evidence_of, far_namesake, names_a_feature,
                                  not_the_feature_meant, not_the_village_meant,
                                  inside_proper_name, is_common_word, LONGEST_LINK, LOWER_ARTICLE_NAME,
                                  lower_case, NAME_HEADS, NEXT_NAME, place_score, SMALL_KINDS, TOWN_KM, word_zipf)
from geo.geoparse.readings import (follows_locative, distance_window, fit, GENERIC_PARTS, GOVERNORATE_WORDS,
                                   names_no_place, names_no_place_here, on_bearing, part_of_longer_name,
                                   names_seat_as_area, qualified_parts, reads_as_governorate, TOWN_KINDS, word_before,
                                   PROVINCE_WORDS, province_word_starts)
from geo.knowledge import place_noun_pattern, place_nouns
from geo.model import REGION_KINDS, Mention, Place


# 'Idlib city' matched whole: the text calls the seat a city
_SEAT_UNITS = frozenset(place_nouns("unit_listed"))  # 'canton': a region named after its seat ('Kobani Canton')
_CITY_WORD = re.compile(rf"\s(?i:{place_noun_pattern('hint_city')})$")
SEAT_KM = 2.0  # an anchor this near a seat is the seat
POSSESSED_TOWN_KM = 15.0  # "Idlib's Khan Sheikhoun": a town this far from the seat is in its governorate


ALTERNATE_KM = 5.0  # a name and its bracketed alternate placed this far apart name two places
_UNITS = REGION_KINDS | {"district", "subdistrict"}  # 'Amara district (Maysan)': a container in brackets


def alternate_names_agree(text: str, resolved: list[tuple[NameHit, tuple[Place, ...], Mention]]) \
        -> list[tuple[NameHit, tuple[Place, ...], Mention]]:
    """'Edine (Edin) village': a name and its alternate in brackets name one place. When they were
    placed apart (Adana and Aydin, each ranked alone) and the places of Syria and Iraq either
    answers to are one place (the village Edin), both are that place. A country or an admin unit
    of the theatre in brackets is the container ('Amara district (Maysan)'), no alternate."""
    out = list(resolved)
    for i in range(len(out) - 1):
        (name, names, first), (alternate, alternates, second) = out[i], out[i + 1]
        if text[alternate.end:alternate.end + 1] != ")" or text[name.end:alternate.start].strip() != "(" \
                or first.role != "place" or second.role != "place" or first.lat is None or second.lat is None \
                or any(m.kind == "country" or m.country in THEATRE_COUNTRIES and m.kind in _UNITS for m in (first, second)) \
                or km_between((first.lat, first.lon), (second.lat, second.lon)) <= ALTERNATE_KM:
            continue
        theatre = [c for c in (*names, *alternates) if c.country in THEATRE_COUNTRIES and c.kind not in REGION_KINDS]
        if not theatre or any(km_between((c.lat, c.lon), (theatre[0].lat, theatre[0].lon)) > ALTERNATE_KM
                              for c in theatre[1:]):
            continue  # none, or several places of the theatre: not ours to pick
        out[i] = (name, names, dataclasses.replace(first, place=theatre[0]))
        out[i + 1] = (alternate, alternates, dataclasses.replace(second, place=theatre[0]))
    return out


class Resolver:
    """Turns the hits of one document into :class:`Mention` objects."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        # key -> (country of the key's places when they share one, else None; the anchor it gives)
        self._evidence: dict[str, tuple[str | None, tuple[float, float] | None]] = BoundedMemo()
        self._provinces: dict[str, tuple[Place, ...]] = BoundedMemo()  # key -> its first-level divisions
        self._town_parts: dict[str, tuple[Place, ...]] = BoundedMemo()  # key -> its neighbourhoods and districts
        self._governorate: dict[str, str] = BoundedMemo()  # key -> P-code of the governorate it names, or ''
        self._governorate_of: dict[str, Place | bool] = BoundedMemo()  # a town's surface -> the governorate named after it

    def resolve(self, doc_id: str, text: str, hits: list[NameHit]) -> list[Mention]:
        demonyms = [self._demonym(doc_id, h) for h in hits if h.flags & DEMONYM]
        demonyms = [m for m in demonyms if m is not None]
        if demonyms:
            hits = [h for h in hits if not h.flags & DEMONYM]
        usable = []
        for h in hits:
            if h.is_stop:
                continue
            if acceptable(h, text):
                usable.append((h, self.index.candidates(h.key)))
            elif " " in h.key and (parts := self._part_of_town_after_adjective(h, text)):
                usable.append((h, parts))  # 'Shiite New Baghdad district'
            elif (named := self._named_after_direction(h)) is not None:
                usable.append((named, self.index.candidates(named.key)))  # 'northern Iraq': Iraq
            elif h.surface[:1].isupper():
                # 'from Texas': a name common in English text is still a province after 'in', 'from'
                # ('the Qara Chokh mountains' is a longer name, not Togo's Kara)
                provinces = self._provinces.get(h.key)
                if provinces is None:
                    provinces = self._provinces[h.key] = tuple(
                        c for c in self.index.candidates(h.key) if c.kind == "province")
                if provinces and follows_locative(text, h, usable) and not inside_proper_name(text, h):
                    usable.append((h, provinces))
        usable = [(h, c) for h, c in usable if c]
        ctx = self._context(usable)
        ranked: dict[tuple, tuple[Place, float]] = {}  # one ranking per (key, case, kind hint) a document
        resolved = []
        starts = {h.start for h, _ in usable}
        # one sense per document: a name that is also a common word, once a locative makes it a place
        # ('the town of Hit'), is that place wherever else it is capitalised ('ISIS stormed Hit');
        # worked out when a common word first needs it
        placed: list[set[str]] = []

        def placed_word(hit: NameHit) -> bool:
            if not placed:
                placed.append({h.key for j, (h, _) in enumerate(usable) if h.surface[:1].isupper()
                               and is_common_word(h.surface) and (follows_locative(text, h, usable[:j])
                                                                   or context.apposed_place(text, h.end))})
            return hit.key in placed[0] and not starts_sentence(text, hit.start)
        ends = {h.end for h, _ in usable}  # (a hit dropped as part of a name ends no place)
        for i, (hit, candidates) in enumerate(usable):
            # the word before, when it may be a name or a name head (most hits follow 'in', 'of')
            start = hit.start
            begin = text.rfind(" ", start - 26 if start > 26 else 0, start - 1 if start else 0) + 1
            begin += text[begin:begin + 1] in "([\"“‘"  # '(Tal Syria Tel)': the word after the bracket
            previous = word_before(text, start) if text[begin:begin + 1].isupper() \
                or text[begin:begin + 3] in ("al-", "el-") else ""
            if (previous or hit.key in NAME_HEADS
                    or text[hit.end:hit.end + 1] == " " and text[hit.end + 1:hit.end + 2].isupper()) \
                    and part_of_longer_name(text, hit, previous) \
                    or (previous or hit.surface.isupper()) and names_no_place(text, hit, previous):
                continue
            if names_no_place_here(text, hit, candidates, starts, ends):
                continue
            mention = self._resolve_one(doc_id, text, hit, candidates, ctx, ranked, usable, i, placed_word)
            if mention is not None:
                resolved.append((hit, candidates, mention))
        if "(" in text:
            resolved = alternate_names_agree(text, resolved)
        mentions = self._governorate_readings(text, qualified_parts(text, self._contain(text, resolved, ctx)))
        mentions = context.listed_with_actors(text, mentions)
        if demonyms:
            mentions = sorted(mentions + demonyms, key=lambda m: m.start)
        return mentions

    def _part_of_town_after_adjective(self, hit: NameHit, text: str) -> tuple[Place, ...]:
        """The neighbourhoods and districts of Syria and Iraq a two-word name answers to, when
        only the capitalised word before it ('Shiite New Baghdad district') kept it out: a
        part of a town after an adjective, not a family name after a given name."""
        parts = self._town_parts.get(hit.key)
        if parts is None:
            parts = self._town_parts[hit.key] = tuple(
                c for c in self.index.candidates(hit.key) if c.country in THEATRE_COUNTRIES
                and c.kind in ("neighbourhood", "district", "subdistrict"))
        if not parts or not hit.surface[:1].isupper():
            return ()
        following = NEXT_NAME.match(text, hit.end)
        return () if following and word_zipf(following.group(1)) < 5.0 else parts

    def _named_after_direction(self, hit: NameHit) -> NameHit | None:
        """'northern Iraq', 'northwest Syria': a direction that only describes (the phrase is no
        place) before a capitalised name the gazetteer holds on its own: that name."""
        first, _, rest = hit.surface.partition(" ")
        if first.lower() not in COMPASS_WORDS or not rest[:1].isupper():
            return None
        key = name_key(rest)
        info = self.index.automaton.get(f" {key} ", None)
        if info is None or info[2] & (STOP | DEMONYM):
            return None
        return NameHit(hit.end - len(rest), hit.end, rest, key, info[2])

    def _governorate_readings(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A governorate's seat read as the governorate where the words ask for it: 'the province
        of Kirkuk', 'Saladin and Kirkuk Governorates', 'Idlib countryside', 'the countryside of Hama',
        "Idlib's Khan Sheikhoun" (a town of the governorate, away from the seat)."""
        low = lowered(text)
        governorate_words = any(word in low for word in GOVERNORATE_WORDS) or "provincial" in low \
            or "offensive" in low or "campaign" in low
        worded = governorate_words or any(word in low for word in PROVINCE_WORDS)
        possessive = "'s " in text or "’s " in text
        if not worded and not possessive:
            return mentions  # no 'province' nor 'governorate' in the text: nothing asks for one
        out = []
        placed = frozenset(m.start for m in mentions if m.role == "place") if worded else frozenset()
        province_words = province_word_starts(text) if worded else []
        for i, m in enumerate(mentions):
            if m.role == "place" and m.kind in TOWN_KINDS and m.country in THEATRE_COUNTRIES \
                    and (worded and reads_as_governorate(text, m.start, m.end, placed, governorate_words,
                                                           province_words)
                         or possessive and i + 1 < len(mentions) and _possessor_of_a_town(text, m, mentions[i + 1])):
                governorate = self._governorate_named(m.surface)
                if governorate is not None:
                    m = dataclasses.replace(m, place=governorate, precision=3)
            out.append(m)
        return self._one_sense_of_seats(text, out) if worded else out

    def _one_sense_of_seats(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A text that names a governorate ('Idlib province', 'the Idlib countryside') means it by the
        seat's bare name too with a bearing or an operation word ('southern Idlib', 'the Idlib
        offensive'), unless it calls the seat a city anywhere ('Idlib city', 'the city of Idlib': then
        'eastern Idlib' is a part of the city). So too a region named after its seat that the text
        names ('the Kobani Canton' ... 'the Kobani offensive', 'the Kobani front')."""
        named = {m.place_id for m in mentions if m.role == "place" and m.kind == "governorate"}
        units = {m.place.name.rsplit(" ", 1)[0]: m.place for m in mentions
                 if m.role == "place" and m.kind == "region"
                 and m.place.name.rsplit(" ", 1)[-1].lower() in _SEAT_UNITS}
        # a text that calls the seat a city anywhere ('Raqqa city', 'the city of Kirkuk') means the city
        named -= {g.id for m in mentions if m.role == "place" and m.kind in TOWN_KINDS
                  and (context.kind_hint(text, m.start, m.end) == "city" or _CITY_WORD.search(m.surface))
                  and (g := self._governorate_named(m.name or "")) is not None}
        if not named and not units:
            return mentions
        out = []
        for m in mentions:
            if m.role == "place" and m.kind in TOWN_KINDS and m.country in THEATRE_COUNTRIES \
                    and names_seat_as_area(text, m.start, m.end) \
                    and context.kind_hint(text, m.start, m.end) in (None, "river"):  # ('the Idlib offensive')
                governorate = self._governorate_named(m.surface)
                if governorate is not None and governorate.id in named:
                    m = dataclasses.replace(m, place=governorate, precision=3)
                elif (unit := units.get(m.name or "")) is not None:
                    m = dataclasses.replace(m, place=unit, precision=3)
            out.append(m)
        return out

    def _governorate_named(self, surface: str) -> Place | None:
        """The governorate of Syria or Iraq named after a town ('Kirkuk' -> Kirkuk Governorate)."""
        found = self._governorate_of.get(surface)
        if found is None:
            found = next((c for word in GOVERNORATE_WORDS for c in self.index.candidates(name_key(f"{surface} {word}"))
                          if c.kind == "governorate" and c.country in THEATRE_COUNTRIES), False)
            self._governorate_of[surface] = found
        return found or None

    def _demonym(self, doc_id: str, hit: NameHit) -> Mention | None:
        """'Turkish forces': Turkey, with role demonym (the claims stage may use it; maps never)."""
        if hit.surface[:1].islower():
            return None
        country = self.index.country_place(read_demonyms().get(hit.key, ""))
        if country is None:
            return None
        return Mention(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, role="demonym",
                       place=country, confidence=0.9)

    def _contain(self, text: str, resolved: list[tuple[NameHit, tuple[Place, ...], Mention]],
                 ctx: Context) -> list[Mention]:
        """'X in Y', 'X, Y': X is taken among its places inside Y, or left unresolved."""
        mentions = [m for _, _, m in resolved]
        seats: dict[str, Context] = {}  # a seat's id -> the context without it
        for i in range(len(resolved) - 2, -1, -1):  # right to left: Y is settled before X
            hit, candidates, mention = resolved[i]
            container = mentions[i + 1]
            if container.start - hit.end > LONGEST_LINK:
                continue
            between = CONTAINED_IN.fullmatch(text, hit.end, container.start)
            if container.role != "place" or container.place_id is None or not between:
                continue
            # 'X, Y' is also a list: it constrains X, but leaves X unresolved only when Y is a unit
            strict = "," not in between.group() or between.group("direction") is not None \
                or container.kind in CONTAINER_KM or container.kind == "country"
            if mention.kind in ("country", "capital", "river", "region") or container.kind in ("river", "region"):
                continue
            outer = self.index.place(container.place_id)
            if outer is None:
                continue
            # 'X in Y countryside', 'X in the countryside of Y': anywhere in Y's governorate
            # (a town standing for its area too: 'X, Duhok' is X in Duhok governorate)
            direction = between.group("direction") is not None
            wide = outer.kind not in CONTAINER_KM or context.is_near_after(text, container.end) \
                or "countryside" in text[hit.end:container.start]
            if direction:  # 'X, south of Y': near Y, not in it (journalists' 'north of Baghdad' is wide)
                low_km, high_km = distance_window(between)
                inside = tuple(c for c in candidates if c.id != outer.id
                               and low_km <= km_between((c.lat, c.lon), (outer.lat, outer.lon)) <= high_km
                               and on_bearing(between.group("direction"), c, outer))
                if len(inside) > 1 and between.group("distance") is not None:
                    # namesakes in the window: the one nearest the distance and direction given
                    inside = (min(inside, key=lambda c: fit(between, c, outer)),)
            else:
                inside = tuple(c for c in candidates if c.id != outer.id and self._inside(c, outer, wide))
            # 'X village, Hasakeh', 'X town in Aleppo countryside': the namesakes inside the governorate are
            # ranked by the document's other places and prominence, not by their distance to the seat
            seat_only = wide and not direction and outer.kind not in CONTAINER_KM and len(inside) > 1
            already = mention.place_id in {c.id for c in inside}
            best = None
            if inside and (seat_only or not already):
                rank_ctx = ctx
                if seat_only:
                    rank_ctx = seats.get(outer.id)
                    if rank_ctx is None:
                        rank_ctx = seats[outer.id] = _without_anchor(ctx, (outer.lat, outer.lon))
                best, confidence = self._rank(inside, lower_case(hit.surface) or hit.surface[:1].islower()
                                              and any(is_curated(c.id) for c in inside), rank_ctx, None)
            if already and (best is None or best.id == mention.place_id):  # placed inside already
                if mention.within is None:
                    mentions[i] = dataclasses.replace(mention, within=outer)
                continue
            if best is not None:
                mentions[i] = dataclasses.replace(mention, place=best, within=outer, confidence=round(confidence, 3),
                                                  role="place", precision=mention.precision or 1)
                continue
            if strict:
                mentions[i] = Mention(doc=mention.doc, start=mention.start, end=mention.end,
                                      surface=mention.surface, role="unresolved")
        return mentions

    def _inside(self, place: Place, outer: Place, wide: bool = False) -> bool:
        """Whether ``place`` lies in ``outer`` (in its governorate when ``wide``): by P-codes where
        both have them, else by distance."""
        if outer.kind == "country":
            return place.country == outer.country
        if outer.country and place.country and outer.country != place.country:
            return False
        level = 0 if wide else {"governorate": 0, "district": 1, "subdistrict": 2}.get(outer.kind)
        if level is not None:
            mine, theirs = self.index.admin_codes(place.id), self.index.admin_codes(outer.id)
            if mine[level] and theirs[level]:
                if level == 0:  # a district of disputed governorate is in either ('Makhmour, Ninewa')
                    return theirs[0] in self.index.governorates(place.id)
                return mine[level] == theirs[level]
        limit = CONTAINER_KM["governorate"] if wide else CONTAINER_KM.get(outer.kind, TOWN_KM)
        return km_between((place.lat, place.lon), (outer.lat, outer.lon)) <= limit

    def _context(self, usable: list[tuple[NameHit, tuple[Place, ...]]]) -> Context:
        countries: Counter = Counter()
        by_key: Counter = Counter()
        anchors = []
        governorates = set()
        for hit, candidates in usable:
            code = self._governorate.get(hit.key)
            if code is None:  # 'Daraa province': its villages before their namesakes elsewhere
                named = next((c for c in candidates if c.kind == "governorate" and c.country in THEATRE_COUNTRIES), None)
                code = self._governorate[hit.key] = self.index.admin_codes(named.id)[0] if named else ""
            if code:
                governorates.add(code)
            evidence = self._evidence.get(hit.key)
            if evidence is None:
                evidence = self._evidence[hit.key] = evidence_of(candidates)
            country, anchor = evidence
            if country is not None:
                countries[country] += 1
                pair = (hit.key, country)
                by_key[pair] = by_key.get(pair, 0) + 1
                if anchor is not None:
                    anchors.append(anchor)
        return Context(countries, list(dict.fromkeys(anchors)), by_key=by_key,
                        governorates=frozenset(governorates), admin_codes=self.index.admin_codes)

    def _resolve_one(self, doc_id: str, text: str, hit: NameHit, candidates: tuple[Place, ...],
                     ctx: Context, ranked: dict[tuple, tuple[Place, float]],
                     usable: list[tuple[NameHit, tuple[Place, ...]]], i: int,
                     placed_word: Callable[[NameHit], bool]) -> Mention | None:
        """``usable[:i]``: the hits before this one (a list shares the locative of its first name);
        ``placed_word(hit)``: whether the hit is a common word the document places elsewhere."""
        lower = hit.surface[:1].islower() and (not LOWER_ARTICLE_NAME.match(hit.surface)
                                               or any(is_curated(c.id) for c in candidates))
        hint = context.kind_hint(text, hit.start, hit.end) if len(candidates) > 1 else None
        decided = ranked.get((hit.key, lower, hint))
        if decided is None:
            decided = ranked[(hit.key, lower, hint)] = self._rank(candidates, lower, ctx, hint)
        best, confidence = decided
        if best is None:
            return None
        if best.kind not in ("country", "capital", "province") and is_common_word(hit.surface) \
                and not follows_locative(text, hit, usable[:i]) and not placed_word(hit) \
                and not context.apposed_place(text, hit.end):
            return None  # 'the War Party' is no al-Waer; 'in Hit', 'Hit, a town on the Euphrates' is the town
        if " " in hit.surface and not is_curated(best.id) and best.country in THEATRE_COUNTRIES \
                and common_words_only(hit.surface):
            return None  # 'As he left', 'Air Defence units': common words, not the layer's village or site
        if best.kind == "facility" and " " not in hit.key and inside_proper_name(text, hit):
            return None  # '[Omar Haj Kadour/AFP]': a site's bare name inside a person's name
        base = dict(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, place=best,
                    confidence=round(confidence, 3))
        if context.names_actor(text, hit.start, hit.end, best.country, best.kind, best.name):
            return Mention(role="actor", precision=None, **base)
        if best.kind in SMALL_KINDS and far_namesake(best, ctx) \
                or hint == "village" and not_the_village_meant(best, _without_anchor(ctx, (best.lat, best.lon))) \
                or names_a_feature(text, hit.end, best) \
                and not_the_feature_meant(best, _without_anchor(ctx, (best.lat, best.lon))):
            return Mention(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, role="unresolved")
        if not abroad_is_plausible(best, ctx, hit.key):
            if word_zipf(hit.surface.split()[0]) >= COMMON_AT_SENTENCE_START \
                    and hit.surface.lower() not in GENERIC_PARTS:
                return None  # 'North', 'Central': a word that only a place abroad answers to
            return Mention(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, role="unresolved")
        if best.kind in REGION_KINDS:
            precision = 3
        elif context.is_near(text, hit.start) or context.is_near_after(text, hit.end):
            precision = 2
        else:
            precision = 1
        return Mention(role="place", precision=precision, **base)

    @staticmethod
    def _rank(candidates: tuple[Place, ...], lower: bool, ctx: Context, hint: str | None) -> tuple[Place | None, float]:
        """The best candidate and a confidence from its margin over the runner-up."""
        if lower:  # 'raqqa': only curated names are taken in lower case
            candidates = tuple(c for c in candidates if is_curated(c.id))
            if not candidates:
                return None, 0.0
        scored = sorted(((place_score(c, ctx, hint), c) for c in candidates), key=lambda sc: sc[0], reverse=True)
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else best_score - 4.0
        confidence = 1.0 / (1.0 + math.exp(-(best_score - runner_up)))
        return best, confidence * (0.95 if is_curated(best.id) else 0.8)


def _possessor_of_a_town(text: str, seat: Mention, following: Mention | None) -> bool:
    """"Idlib's Khan Sheikhoun": a seat's possessive before a town of its governorate that lies away
    from the seat is the governorate ("Baghdad's Karrada", a part of the city, keeps the city)."""
    if following is None or following.role != "place" or following.lat is None or seat.lat is None \
            or following.kind in REGION_KINDS or following.country != seat.country:
        return False
    between = text[seat.end:following.start]
    if between not in ("'s ", "’s "):
        return False
    return km_between((seat.lat, seat.lon), (following.lat, following.lon)) > POSSESSED_TOWN_KM


def _without_anchor(ctx: Context, point: tuple[float, float]) -> Context:
    """``ctx`` without the anchors at ``point`` (a governorate's seat, when the text names its governorate)."""
    anchors = [a for a in ctx.anchors if km_between(a, point) > SEAT_KM]
    return Context(ctx.countries, anchors, by_key=ctx.by_key, governorates=ctx.governorates,
                    admin_codes=ctx.admin_codes)
