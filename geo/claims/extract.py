"""Claims from sentences: who controls, lost, contests, holds out in, advances on, strikes, or
passes through which place, stated how and according to whom.

Rules, not a model. The knowledge is data (``geo/data/lexicon``): relation triggers and their
cues (:mod:`geo.claims.rules`), actor names (:mod:`geo.claims.actors`), stance and sources
(:mod:`geo.claims.stance`). Here a sentence's triggers are paired with the actor that acts (the
nearest subject before the trigger that is not an object, a modifier, a passive victim or the
quoted source; else the agent after 'by' / 'between') and with the places the trigger governs
(not those of a relative clause, not a place left 'from', never a place standing in for a name
the gazetteer does not know). Where a sentence names no actor or place ('the city'), the
document's last actor or place stands in, with a lower confidence. One sentence gives one claim
per actor and place. A denial with no claim of its own ('The SDF denies the existence of any
agreement') denies the claims of the sentence before it.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate
from dataclasses import replace
from typing import Iterable

from geo.casefold import lowered
from geo.claims.actors import ActorMention, armed_groups, find_actors
from geo.claims.actors import lexicon as actor_lexicon
from geo.claims import constructions, discourse
from geo.claims.calibration import calibrate
from geo.claims.document import ClaimDocument
from geo.claims.rules import Trigger, cue, triggers
from geo.claims.rules import lexicon as rules_lexicon
from geo.claims.sentences import split_sentences
from geo.claims.stance import attribution_span, body_stance, negated, short_source
from geo.claims import syntax as syntax_parse
from geo.knowledge import alternation, bearings, compass_points, link_words, place_noun_pattern
from geo.model import REGION_KINDS, Claim, Document, Mention, Sentence

__all__ = ["ClaimExtractor", "REGION_KINDS", "annotate"]


_PLURAL_SUBJECT = re.compile(r"(?:troops|forces|fighters|militants|soldiers|units|militias|jets|warplanes)$")
_MODIFIER_AFTER = re.compile(r"(?:-|\s)(?:led|backed|supported|sponsored|allied|controlled|held|affiliated|linked|aligned)\b(?!\s+by\b)")
_MODIFIER_BEFORE = re.compile(r"\b(?:backed|supported|led|sponsored|armed|trained|used|owned|run|inhabited|housed|frequented|manned|held|controlled|occupied|belonging\s+to|affiliated\s+with|linked\s+to|operat\w+\s+under)\s+(?:by\s+)?(?:an?\s+|the\s+)?\S*\s*$")
_HELPER_BEFORE = re.compile(r"\b(?:with\s+(?:the\s+)?(?:\w+\s+)?(?:support|backing|help|cover)\s+(?:of|from)|support\s+from)\s+(?:an?\s+|the\s+)?\S*\s*$")
# 'with the International Coalition's support': the actor helps the one that acts
_SUPPORTING_AFTER = re.compile(r"['’]s?\s+(?:\w+\s+)?(?:support|backing|help|cover)\b")
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens\s+of|some|many|more)(?:\s+(?:hundreds?|thousands?|dozens?)(?:\s+of)?)?"
_OBJECT_BEFORE = re.compile(
    r"\b(?:expel(?:led|ling|s)?|against|fight(?:ing|s)?|fought|defeat(?:ed|ing|s)?|attack(?:ed|ing|s)?|struck|hit|(?<!due\s)(?<!owing\s)(?<!thanks\s)to|from|on|at"
    r"|between|into|versus|targeting|targeted|target|shelled|shelling|bombed|destroyed|destroying|killed|killing|injuring|injured|wounding|wounded"
    r"|shot|kidnapped|abducted|arrested|detained|captured|ambushed|repelled|airlifted|evacuated|bussed|transported"
    r"|chas(?:ed|ing)|pursu(?:ed|ing)|hunt(?:ed|ing)|pound(?:ed|ing)|eliminat(?:ed|ing))\s+(?:the\s+)?(?:" + _NUMBER + r"\s+)?(?:of\s+the\s+)?$")
# 'targeted positions of regime forces', 'killing two members of the SDF': the group whose posts or
# people are named is the target
_TARGET_OF_BEFORE = re.compile(r"\b(?:\w+(?:ed|ing)|on|at|against|near|into|towards?|hit|hits|struck)\s+(?:[\w-]+\s+){0,2}?"
                               r"(?:positions?|posts?|points?|checkpoints?|bases?|headquarters|vehicles?|convoys?|"
                               r"patrols?|members?|fighters?|ranks|elements?|commanders?|leaders?|officers?|soldiers?|"
                               r"gatherings?|fortifications|sites?|depots?)\s+(?:of|belonging\s+to)\s+(?:the\s+)?$")
# the subject of a passive verb of harm is acted upon, whatever word comes later in its clause
_PATIENT_AFTER = re.compile(r"\s+(?:(?:\w+\s+){0,2}?(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+(?:\w+ly\s+)?"
                            r"(?:killed|injured|wounded|shot|targeted|attacked|abducted|kidnapped|arrested|detained|executed|"
                            r"ambushed|beheaded|assassinated|hurt|martyred))\b")
_CARRIED_BEFORE = re.compile(r"\b(?:airlifted|evacuated|bussed|transported|flew|ferried)\s+(?:the\s+)?(?:" + _NUMBER + r"\s+)?$")
_VICTIMS_THEN_AGENT = re.compile(r"\s+(?:[\w,-]+\s+){0,4}?(?P<word>in|by)\s+(?:an?\s+|the\s+)?")
_WEAPON_END = re.compile(r"(?:strikes?|airstrikes?|raids?|shelling|bombardment|bombings?|attacks?|ambush|fire|drones?|"
                         r"rockets?|missiles?|artillery|sniper)$")

# 'a bomber rammed a truck into houses used by Shiite militiamen': 'by' names who did another deed
_OTHER_DEED = re.compile(r"\b(?:used|held|run|owned|inhabited|housed|frequented|belonging|occupied|manned|controlled)\b")
_BY_AGENT = re.compile(r"\s+(?:(?:carried\s+out\s+|launched\s+|conducted\s+|(?:attempts?|operations?|offensive)\s+)?by"
                       r"|whose\s+source\s+(?:is|was))\s+(?:the\s+|an?\s+)?")  # ('shelling whose source is the Kurdish Units')
_BETWEEN = re.compile(r"\b(?:between|by)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$")
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that)\s+(?:\w+\s+){0,2}$")
# between a trigger and a later one: a new clause ('..., while also advancing', '; then', ', and later')
_CLAUSE_TURN = re.compile(r"[;,]|\s[-–—]\s|\b(?:while|whereas|but|then|before|after)\b")
_PARTICIPLE_TURN = re.compile(r",\s+(?:(?:thus|thereby|also|then|effectively)\s+)?(?!(?:including|according|excluding|bring)\b)[a-z]{3,}ing\b")
# between a control word and its place: things near it were taken, not the place or a part of it
_NEAR_ONLY = re.compile(r"\b(?:near|around|nearby|close\s+to|outside|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of|outskirts\s+of)\s+(?:the\s+)?(?:\w+\s+of\s+)?$")
_DESERT_DIRECTION = re.compile(r"\b(?:desert|south)\b")
# ('there' as a place, not the 'there is' that opens a sentence)
# ('the town of X' names X; 'the airbase', 'the dam' refer back too)
_CITY_ANAPHORA = re.compile(r"\b(?:the\s+(?:\w+\s+)?(?:" + place_noun_pattern("anaphora") +
                            r"|base|air\s*base|airport|dam|oil\s+field|hill|mountain|bridge)\b(?!\s+of\b)"
                            r"|there(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|seems?|appears?)\b)|inside)\b")
_DIRECTION = re.compile(r"\b(?:to|towards?|into|for|reach)\b")
_TOWARDS = re.compile(r"\b(?:to|towards?|into|for)\b")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:city\s+of\s+)?$")
_HELD_FEATURE = re.compile(r"\b(?:points?|positions?|posts?|checkpoints?|barracks|headquarters)\s+(?:\w+\s+)?$")
_ATTACKED_FROM = re.compile(r"\s*from\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+(?:of\s+)?)?(?:[\w'’-]+\s+){0,3}?(?:in\s+)?")
_LEAVING_BEFORE = re.compile(r"\b(?:leave|out\s+of|from|exit)\s+(?:\S+\s+){0,2}$")
# 'in Zur Maghar town in Aleppo countryside': a place name the gazetteer does not know, then the
# region it lies in. The claim's real place is then unresolved: no claim at the region.
_NAME = r"[A-Z][\w'’-]*(?:\s+\([^)]{1,30}\))?"
_UNKNOWN_PLACE = re.compile(
    r"\b(?:in|at|on|near|of|from|targeting|shelled|struck|hit)\s+(?:the\s+)?" + _NAME
    + r"(?:[\s-]+(?:(?:al|el|ad|as|ash|ar|az|at|an|bin|bani|abu|um|umm|of)[\s-]+)?" + _NAME + r"){0,4}\s+"
    + place_noun_pattern("unknown_head") + r"\b")
# 'a QSD member was found killed', '3 PKK militants were killed': the actor is the victim
_CONTAINED_IN = re.compile(r"\)?\s*(?:\([^)]{0,40}\)\s*)?(?:\w+\s+){0,3}?(?:in|of|,)\s+(?:the\s+)?(?:" + alternation(compass_points()) + r"\w*\s+)?(?:" + place_noun_pattern("settlement_of") + r"\s+of\s+)?")
_VICTIM_AFTER = re.compile(r"\s+(?:(?:the|a|an|two|three|\d+|local|former|prominent|civilian|commander|leader|member|official|journalist|mukhtar|sheikh|officer|[a-z]+s?)\s+){0,3}")
_PASSIVE_BETWEEN = re.compile(r"\s*(?:[\w'’]+\s+){0,2}(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+(?:[\w,]+\s+){0,3}")
# 'The Lions of the Valley shelled X': a name the actor table lacks acts; it is not unidentified
_NAMED_BEFORE = re.compile(
    # two capitalised words (a sentence's first word that counts or points is none: 'Three Katyusha
    # rockets'), or an acronym
    r"(?:(?<![\w'’-])(?!(?:The|A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|Many|Dozens|"
    r"Unknown|Unidentified)\b)[A-Z][\w'’-]*(?:\s+(?:(?:of|the|al|el|and|for)\s+)*[A-Z][\w'’-]*)+|\b[A-Z]{2,6})"
    r"\s+(?:(?:fighters|militants|forces|members|units|brigade|group)\s+)?$")
# aircraft belong to states: 'warplanes bombed X' with no state named is no unidentified group's strike
_AIRCRAFT = re.compile(r"\b(?:warplanes?|war\s+planes?|jets?|aircraft|helicopters?|planes?|drones?|air\s*strikes?|airstrikes?|air\s+raids?|aerial|barrels?|barrel\s+bombs?)\b")
_PRONOUN_SUBJECT = re.compile(r"\b(?:they|it|he|she|the\s+(?:group|militants|fighters|rebels|jihadists|army|militia|organi[sz]ation|forces|troops))\b")
# places named as a reference point ('60 km south of Baghdad', 'west of Baghdad') are elsewhere
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:" + alternation(bearings()) + r"|north\s+east|north\s+west|south\s+east|south\s+west)(?:ern)?"
    r"|\b(?:kilomet(?:re|er)s?|km|miles)(?:\s*\([^)]{0,30}\))?(?:\s+\w+)?)\s+(?:of|from)\s+(?:the\s+)?(?:"
    + place_noun_pattern("reference_of") + r"\s+(?:of\s+)?)?$")
# 'the Baghdad - Kut road', 'the Hama-Aleppo-Raqqa triangle': places that name a route or an area
# (the names joined by dashes, then the route noun: a place after the first dash or before it is an end)
_ROUTE_AFTER = re.compile(r"(?P<joined>(?:\s*[-–—]\s*[\w'’]+(?:\s+[\w'’]+){0,2}?)*)\s+"
                          r"(?:city\s+)?(?:road|highway|motorway|triangle|axis|route|corridor)\b")
_JOINED_BEFORE = re.compile(r"[\w'’]\s*[-–—]\s*$")
_IN_VICTIM_NAME = re.compile(r"(?:\s+[A-Z][\w'’.-]*){1,4}\s+")
_DISTANCE = re.compile(r"\b(?:kilomet(?:re|er)s?|km|miles)\b")
_DISTANCE_BEFORE = re.compile(r"\b(?:kilomet(?:re|er)s?|km|miles)\s*(?:\([^)]{0,30}\)\s*)?$")
_INSIDE_BEFORE = re.compile(r"\bin\s+(?:the\s+)?(?:far\s+)?$")
_CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|,\s*(?:while|whereas|but|and\s+(?:then\s+)?(?=[a-z]+ed\b))")

# 'Tassil town in Dara countryside', 'Al Amadiya district of Duhok', 'Sheladiz, Duhok', 'Kafr Nabl
# (Idlib)', 'a village near Manbij': the place after the connector holds (or neighbours) the one
# before it; a claim binds the finer place, the container only when no finer place is named
_PLACE_NOUN = place_noun_pattern("gap")
_CONTAINER_GAP = re.compile(
    r"\)?\s*(?:\([^)]{0,40}\)\s*)?(?:" + _PLACE_NOUN + r"\s*)?(?:\([^)]{0,40}\)\s*)?(?:,|\(|\b" + alternation(link_words("container_gap")) + r"\b)\s*(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?" + place_noun_pattern("gap_region_of") + r"\s+of\s+(?:the\s+)?)?")
# a container that stands for its province ('Aleppo countryside', 'the countryside of Hama', 'rural Idlib')
_PROVINCE_AFTER = re.compile(r"[\s-]+" + place_noun_pattern("governorate") + r"\b")
_PROVINCE_BEFORE = re.compile(r"\b" + place_noun_pattern("governorate") + r"\s+of\s+(?:the\s+)?$")
# the kind of name a coded event is placed at: a place of this kind inside a province is not the province
_UNKNOWN_BEFORE = re.compile("(?:" + _UNKNOWN_PLACE.pattern + ")(?:" + _CONTAINER_GAP.pattern + ")$")
_FINE_KINDS = frozenset({"village", "hamlet", "town", "neighbourhood", "facility", "hill", "camp"})
COARSE_KINDS = frozenset({"city", "governorate", "province", "region", "country", "river"})

_SHORT_NOTE = 1500  # characters: a coded event's note or a wire brief, not an article
# when one clause gives one actor several relations to one place, the one that says most
_PRIORITY = {"lost": 0, "control": 1, "advance": 2, "contested": 3, "strike": 4, "presence": 5, "corridor": 6}


class ClaimExtractor:
    """Extracts the claims of one document from its text and its place mentions.

    Mentions of role ``place`` are the candidate places; ``unresolved`` mentions mark names the
    gazetteer does not know (a claim about them is not moved elsewhere); other roles are ignored.
    ``syntax``: read roles and modality from a dependency parse (:mod:`geo.claims.syntax`);
    None: as the ``GEO_SYNTAX`` setting says (default off).
    """

    def __init__(self, syntax: bool | None = None, calibrated: bool = True):
        self.syntax = syntax_parse.enabled() if syntax is None else syntax
        self.calibrated = calibrated  # long-form claims get the calibrated confidence (geo.claims.calibration)

    def extract(self, doc: Document, mentions: list[Mention]) -> list[Claim]:
        d = annotate(doc, mentions, syntax=self.syntax)
        text, low, containers = d.text, d.low, d.containers
        dominant = _dominant_place(d.places)
        desert = next((m for m in d.places if m.kind == "region" and "desert" in (m.name or "").lower()), None)
        claims: list[Claim] = []
        quoted = ""  # the previous sentence's source
        previous_end = 0
        last_actor: str | None = None
        last_place: Mention | None = dominant
        salience: dict[str, tuple[int, int, Mention]] = {}  # place id -> (mentions so far, last sentence, mention)
        previous: list[Claim] = []
        # a short note may name the event's place only in the next sentence ('Gunmen shot dead an
        # official. He was driving in Kirkuk.'): the claims of a sentence that names no place of its own
        pending: list[tuple[Sentence, str, str, str, str, bool]] = []
        short_note = len(text) <= _SHORT_NOTE
        # 'ISIS claimed responsibility for the attack': in a short note, the group that claims the
        # attack is the actor of the blasts and killings no other words attribute
        claimant = _claimant(low, d.actors) if short_note else None
        for sentence in d.sentences:
            lo, hi = sentence.start, sentence.end
            in_places = d.places_in(sentence)
            in_unresolved = d.unresolved_in(sentence)
            triggers_here = d.triggers_in(sentence)
            if triggers_here and constructions.says_nothing(low, lo, hi):
                triggers_here = []  # a heading, an image line: a topic, not an event
            # attribution is needed only by claims of this sentence or a denial of the previous ones
            src_start, src_end, attribution = attribution_span(sentence, low) if triggers_here or previous else (-1, -1, "")
            if not attribution and quoted and _SAYS_AGAIN.match(low, sentence.start):
                attribution = quoted  # 'SOHR said ... . It said 20 civilians were killed': still SOHR
            elif not attribution and quoted and "\n\n" not in text[previous_end:sentence.start] and (
                    _QUOTE_OPENS.match(text, sentence.start) or _HE_ADDED.search(low, sentence.start, sentence.end)):
                attribution = quoted  # the same paragraph goes on quoting: '"They fled," he added.'
            if not attribution and (own_word := next((a for a in d.actors_in(sentence) if _SELF_CLAIM.match(low, a.end)), None)):
                attribution = short_source(text[own_word.start:own_word.end])  # 'Iraqi forces have claimed control of X'
            quoted = attribution
            previous_end = sentence.end
            # a source is the attribution, never the actor ('..., a coalition spokesman said'),
            # unless it speaks of itself ('The SDF said it had captured X')
            # '"We have entered X," said a spokesman for Y': Y speaks of itself, and acts
            we_speak = src_end > src_start and _QUOTE_OPENS.match(text, lo) is not None \
                and _FIRST_PERSON.search(low, lo, src_start) is not None
            speaks_of_itself = src_end > src_start and (_OF_ITSELF.match(low, src_end) is not None or we_speak)
            speaker = next((a.actor for a in d.actors_in(sentence) if src_start <= a.start < src_end), None) if we_speak else None
            in_actors = [a for a in d.actors_in(sentence) if not (src_start <= a.start < src_end) or speaks_of_itself]
            if src_end > src_start:  # '..., said General Taie in Baghdad': where the source speaks, not the event
                in_places = [m for m in in_places if not src_start <= m.start < src_end]
                in_unresolved = [u for u in in_unresolved if not src_start <= u.start < src_end]
            own: list[Claim] = []
            distances: list[int] = []  # from each claim's trigger to its place
            at: list[int] = []  # where each claim's trigger starts
            unclaimed: list[Trigger] = []  # triggers of this sentence that found no actor
            struck: list[tuple[Trigger, Claim]] = []  # strike triggers of this sentence and their first claim
            stance_of_body = None
            parsed = d.parses.get(sentence.start)
            for k, trigger in enumerate(triggers_here):
                relation = trigger.relation
                if constructions.goal_before(low, trigger.start, lo):
                    continue  # 'their goal of capturing X', 'preparing an assault on X', 'if X is attacked': no event yet
                if relation in ("control", "lost") and constructions.feature_object(low, trigger.end, hi, in_places):
                    continue  # 'seized a key bridge between X and Y', 'captured hills near the town': not the town
                if discourse.in_description(low, sentence, trigger, in_places, triggers_here[:k]):
                    continue  # 'captured Baghouz, the last pocket held by ISIS': the main verb binds Baghouz
                if relation == "strike" and _INSTRUMENT_BEFORE.search(low, max(lo, trigger.start - 30), trigger.start) \
                        and any(t.relation == "strike" and t.start >= _clause_start(low, sentence, trigger.start)
                                for t in triggers_here[:k]):
                    continue  # 'shelled X and Y with artillery shells': the shells are the shelling's, no second deed
                mood = parsed.mood(trigger.start, trigger.end) if parsed is not None else None
                if relation in ("control", "lost"):
                    window = low[max(lo, trigger.start - 40):trigger.start]
                    if mood == "goal" or cue("goal").search(window):
                        continue  # 'aim to seize', 'a capture would': not a capture
                    if mood == "attempt" or cue("attempt").search(window) or constructions.attempt_before(low, trigger.start, lo):
                        relation = "contested"  # 'fight to retake': a fight for the place
                # 'Airstrikes hit X': the strike word before says whose 'hit' it is (a state's, unnamed)
                silent = any(t.relation == "strike" and t.start < trigger.start and t.start >= _clause_start(low, sentence, trigger.start)
                             for t in unclaimed)
                # 'Shelling by Turkish forces also hit X': the strike word before in the clause says whose 'hit' it is
                clause_actor = next((c.actor for t, c in struck if t.start >= _clause_start(low, sentence, trigger.start)), None)
                actor, carried = self._actor(d, sentence, trigger, in_actors, last_actor, not silent, clause_actor or claimant)
                if speaker is not None and (actor is None or carried or trigger.start < src_start and actor == speaker):
                    actor, carried = speaker, False
                if actor is None:
                    unclaimed.append(trigger)
                    continue
                last_actor = actor
                targets = self._places(d, sentence, trigger, in_places, in_unresolved,
                                       discourse.referent(low, sentence, salience, last_place), desert)
                if stance_of_body is None:
                    stance_of_body = body_stance(low, sentence)
                stance = "denied" if mood == "negated" or negated(low, sentence, trigger.start) else stance_of_body
                if not targets and short_note and relation in ("strike", "contested", "presence") and not in_unresolved \
                        and all(m.kind in REGION_KINDS for m in in_places) and not _unknown_place(text, lo, hi, in_places):
                    pending.append((sentence, relation, actor, stance, attribution, carried))
                partners = [] if carried else _coordinated(low, in_actors, actor, trigger)
                if relation == "contested":  # 'X clashed with Y', 'clashes between X and Y': both fight there
                    partners += [a for a in _opponents(low, in_actors, trigger) if a != actor and a not in partners]
                # 'took half of X and Y': the words before the first place of a list say it for all
                partitive = relation == "control" and bool(targets) and _partitive(low, trigger, targets[0][0]) \
                    and not (not short_note and discourse.in_province(low, targets[0][0]))
                # 'overran villages south of Kirkuk': a place named only as a bearing was fought near, not taken
                partitive = partitive or relation in ("control", "lost") and len(targets) == 1 and targets[0][2] \
                    and _reference(low, sentence, targets[0][0]) == "bearing"
                # 'seized the western part of the base' (the base named before): part of it
                partitive = partitive or relation == "control" and len(targets) == 1 and targets[0][2] \
                    and targets[0][0].start < trigger.end and cue("partitive").search(low, trigger.end, min(hi, trigger.end + 40)) is not None
                # 'half of Albu Kamal', 'districts of eastern Aleppo': a fight for the place
                place_relation = "contested" if partitive else relation
                if partitive and not short_note and relation == "control" and targets and \
                        _NEAR_ONLY.search(low, trigger.end, targets[0][0].start):
                    continue  # long-form: 'took two villages near al-Rai', 'the hilltop near X': not X (granularity)
                if relation == "control" and trigger.place_before and _HELD_FEATURE.search(low, max(lo, trigger.start - 30), trigger.start):
                    place_relation = "presence"  # 'two points controlled by the army at Tal Salmo': posts there, not the village
                for place, destination, fallback in targets:
                    if carried and place.country and place.country not in rules_lexicon().theatre:
                        continue  # 'The strikes answered the attacks on the shrine in Tehran': no actor named it
                    for partner in partners:  # 'Turkish forces and the SNA shelled X': both did
                        own.append(_claim(doc, sentence, place_relation, partner, place, destination, stance, attribution, 0.7))
                        distances.append(abs(place.start - trigger.start) if place.doc == doc.id else 10**6)
                        at.append(trigger.start)
                    confidence = 0.75 - (0.2 if carried else 0.0) - (0.25 if fallback else 0.0)
                    own.append(_claim(doc, sentence, place_relation, actor, place, destination, stance,
                                      attribution, round(max(confidence, 0.1), 2)))
                    if relation == "strike" and not any(t is trigger for t, _ in struck):
                        struck.append((trigger, own[-1]))
                    # a place on the side the trigger looks to first ('shelled X') is nearer than one behind it
                    behind = place.doc == doc.id and (place.start < trigger.start) != trigger.place_before
                    if behind and place_relation != "corridor" and any(
                            c.actor == actor and c.relation == place_relation for c in own[:-1]) and not (
                            # ('lost it in December and retook it in March': a later change of the same place)
                            place_relation in ("control", "lost") and any(
                                c.actor == actor and c.place_id == place.place_id and c.relation in ("control", "lost")
                                and c.relation != place_relation for c in own[:-1])):
                        # 'airstrikes in X in Y district of Z, with shelling by land forces': the
                        # later word repeats the event the actor already has; Z is not a second one
                        own.pop()
                        continue
                    distances.append(abs(place.start - trigger.start) + (1000 if behind else 0)
                                     if place.doc == doc.id else 10**6)
                    at.append(trigger.start)
            own = _one_per_place(own, distances, at, low)
            if triggers_here and (opening := constructions.lead(low, lo, hi)) is not None:
                # 'The X offensive was a military operation launched by Y against Z': Y contests X
                own = [_claim(doc, sentence, "contested", actor, m, None, "asserted", attribution, 0.75)
                       for actor, m in discourse.lead_bindings(sentence, low, opening, in_actors, in_places)] or own
            waiting = [p for p in pending if p[0].end <= sentence.start]
            pending = [p for p in pending if p[0] is sentence]
            if waiting and not own and not triggers_here:
                place = next((m for m in in_places if m.kind not in REGION_KINDS and id(m) not in containers
                              and _reference(low, sentence, m) != "distance"), None)
                if place is not None and waiting[-1][0].end + 2 >= sentence.start - 2:
                    seen = set()
                    for earlier, relation, actor, stance, attribution_then, carried in waiting:
                        if (relation, actor) not in seen:
                            seen.add((relation, actor))
                            claims.append(_claim(doc, earlier, relation, actor, place, None, stance, attribution_then,
                                                 0.5 - (0.2 if carried else 0.0)))
            if not own and previous and cue("denied").search(low, sentence.start, sentence.end):
                denier = attribution or (in_actors[0].surface if in_actors else "")
                own = [replace(c, start=sentence.start, end=sentence.end, text=sentence.text, stance="denied",
                               attribution=denier, confidence=round(c.confidence * 0.8, 2),
                               place_start=-1, place_end=-1) for c in previous]
            claims.extend(own)
            previous = own
            # what 'the town' refers to later: the place this sentence's claims are about ('stormed the
            # town of Hit, forcing families to flee toward Ramadi'), else the last one it names that is
            # neither a reference point nor in a relative clause ('the town, which lies on the
            # highway linking Damascus with Aleppo')
            bound = {c.place_start for c in own if c.place_start >= 0}
            about = [m for m in in_places if m.start in bound and m.kind not in REGION_KINDS]
            for m in about[:1] or reversed(in_places):
                if m.kind not in REGION_KINDS and id(m) not in containers and _reference(low, sentence, m) is None \
                        and not _in_relative_clause(low, sentence, m):
                    last_place = m
                    break
            for m in in_places:
                if m.kind not in REGION_KINDS and id(m) not in containers and _reference(low, sentence, m) is None:
                    count = salience.get(m.place_id, (0, 0, m))[0]
                    salience[m.place_id] = (count + 1, sentence.start, m)
        if short_note and not claims:
            activity = _activity(d)
            if activity is not None:
                claims.append(activity)
        if not self.calibrated:
            return _dedupe(claims)
        return calibrate(_dedupe(claims), {m.place_id: m.kind for m in d.places}, len(text),
                         Counter(m.place_id for m in d.places), Counter(a.actor for a in d.actors))

    # -- actor ---------------------------------------------------------------------------
    @staticmethod
    def _actor(d: ClaimDocument, sentence: Sentence, trigger: Trigger, in_actors: list[ActorMention],
               last_actor: str | None, unattributed: bool = True, claimant: str | None = None) -> tuple[str | None, bool]:
        text, low = d.text, d.low
        if trigger.relation == "corridor":
            groups = armed_groups()
            armed = [a for a in in_actors if a.actor in groups
                     and not _CARRIED_BEFORE.search(low, max(0, a.start - 40), a.start)]
            if armed:  # the group that goes: the one named before the corridor word, else the nearest
                before = [a for a in armed if a.end <= trigger.start]
                return (before[-1] if before else min(armed, key=lambda a: abs(a.start - trigger.start))).actor, False
        if trigger.found_dead:  # 'police found the body of a man killed by ISIS'
            by = [a for a in in_actors if a.start >= trigger.end and re.search(r"\bby\s+(?:the\s+|an?\s+)?$", low[max(0, a.start - 12):a.start])]
            return (by[0].actor if by else claimant or trigger.unattributed), False
        if trigger.actor_after:
            after = [a for a in in_actors if a.start >= trigger.end]
            if after:
                return (after[-1] if trigger.relation == "control" and not trigger.place_before else after[0]).actor, False
            if low.endswith("by", trigger.start, trigger.end):
                return None, False  # 'held by anti-government fighters': a holder we cannot name
        if constructions.fronted(low, sentence.start, trigger.start):
            # 'After liberating Hit, Iraqi forces moved on': the subject after the comma
            comma = low.find(",", trigger.end, sentence.end)
            subject = next((a for a in in_actors if comma >= 0 and a.start > comma), None)
            if subject is not None:
                return subject.actor, False
        if trigger.relation == "control" and low[trigger.start - 1:trigger.start] == "-":
            # 'ISIS-held', 'Kurdish-held': the word before the hyphen is the holder, or nobody we know
            glued = [a for a in in_actors if a.end == trigger.start - 1]
            return (glued[0].actor if glued else None), False
        # an actor's name that holds the trigger word is its actor, subject or object ('Israeli
        # strikes hit X', 'militants ambushed a Turkish patrol near X')
        holder = next((a for a in in_actors if a.start < trigger.start and trigger.end <= a.end), None)
        if holder is not None:
            return holder.actor, False
        parsed = d.parses.get(sentence.start)
        if parsed is not None:
            # the parse's subject or agent ('Mosul was captured by Iraqi troops') acts; its object does not
            roles = parsed.roles(trigger.start, trigger.end)
            if roles is not None:
                role = {id(a): parsed.role_of(roles, a.start, a.end, trigger.start, trigger.end) for a in in_actors}
                agents = [a for a in in_actors if role[id(a)] == "agent"]
                if agents:
                    before_agents = [a for a in agents if a.start < trigger.start]
                    return (before_agents[-1] if before_agents else agents[0]).actor, False
                in_actors = [a for a in in_actors if role[id(a)] not in ("patient", "source")]
        clause_start = _clause_start(low, sentence, trigger.start)
        # 'repelled an attack by Turkish-backed factions on X', 'was shelled by regime forces': the
        # agent right after the trigger is its actor, whoever the clause's subject is
        agent = next((a for a in in_actors if a.start >= trigger.end and (
            _BY_AGENT.fullmatch(low, trigger.end, a.start)  # ('killed in Russian air strikes', 'killed by an ISIS sniper')
            or trigger.victims and _victims_then_agent(low, trigger, a))), None)
        if agent is not None:
            return agent.actor, False
        # an actor may hold the trigger word ('Israeli strikes', 'a US military patrol')
        before = [a for a in in_actors if a.start < trigger.start
                  and not (trigger.relation in ("strike", "control") and _PASSIVE_BETWEEN.fullmatch(low, a.end, trigger.start)
                           and not low.startswith(("in ", "in\n"), trigger.start))]  # ('the rebels were in control of X')
        if before and _RELATIVE_BEFORE.search(low, max(0, trigger.start - 25), trigger.start):
            return before[-1].actor, False  # 'the Syrian Arab Army ... who have advanced'
        subjects = [a for a in before if not _is_modifier(low, a) and not _is_object(low, a, trigger.relation)
                    and not _SPEAKS_AFTER.match(low, a.end)]  # 'Turkey condemned the attack on X' did not attack
        subjects = [a for a in subjects if not _is_helper(low, a)] or subjects
        if subjects and constructions.participle(low, sentence.start, trigger.start, trigger.end):
            return subjects[0].actor, False  # '..., regaining control over X': the main clause's subject
        in_clause = [a for a in subjects if a.start >= clause_start]
        if in_clause or subjects:
            return (in_clause or subjects)[-1].actor, False
        # 'clashes between X and Y in Z', 'an airstrike by Russian jets on Z'
        after = [a for a in in_actors if a.start >= trigger.end and a.start - trigger.end < 60]
        if after and (link := _BETWEEN.search(low, max(trigger.end, after[0].start - 30), after[0].start)) \
                and not _OTHER_DEED.search(low, trigger.end, link.start()):
            return after[0].actor, False
        if trigger.carried and last_actor is not None and not before:
            return last_actor, True  # 'Regime forces pounded X. Shelling also hit Y'
        if (unattributed and not subjects and not _PRONOUN_SUBJECT.search(low, clause_start, trigger.start)
                and not _NAMED_BEFORE.search(text, max(clause_start, trigger.start - 60), trigger.start)):
            # 'an IED exploded in X', 'mortar rounds hit a market in X': whoever fired is unknown
            # (but 'They shelled X' goes on with the actor named before); 'Warplanes bombed X':
            # some state's aircraft, not a ground group
            if claimant is None and trigger.relation == "strike" and _AIRCRAFT.search(
                    low, clause_start, min(sentence.end, trigger.end + 40)):
                if len(text) > _SHORT_NOTE and last_actor is not None and discourse.flies(last_actor):
                    return last_actor, True  # long-form: the state whose campaign the text follows
                if rules_lexicon().air is not None:
                    return rules_lexicon().air, False
            elif trigger.unattributed:
                return claimant or trigger.unattributed, False
        if before:  # every actor before is an object ('killed three PKK militants'): nobody acts here
            return None, False
        if last_actor is not None:
            return last_actor, True
        return None, False

    # -- places --------------------------------------------------------------------------
    def _places(self, d: ClaimDocument, sentence: Sentence, trigger: Trigger, in_places: list[Mention],
                in_unresolved: list[Mention], last_place: Mention | None,
                desert: Mention | None) -> list[tuple[Mention, Mention | None, bool]]:
        text, low, containers = d.text, d.low, d.containers
        after = [m for m in in_places if m.start >= trigger.end]
        before = [m for m in in_places if m.end <= trigger.start]
        if trigger.relation == "corridor":
            found = _corridor_places(text, low, sentence, trigger, before, after, last_place)
            if desert is not None and _DESERT_DIRECTION.search(low, sentence.start, sentence.end):
                # 'moved to the South of the country' in a report that names the desert they go to
                found = [(o, d or (desert if o.place_id != desert.place_id else None), f) for o, d, f in found]
            return found
        # places in a relative clause after the trigger ('the town, which lies on the border
        # with Iraq') say where something else is, not where the claim is
        relative = cue("relative").search(low, trigger.end, sentence.end)
        if relative is not None and relative.start() > trigger.end:
            # ('The blast, which collapsed a mosque in X, ...': a clause right after the trigger
            # describes the event itself, and its places are the event's)
            after = [m for m in after if m.start < relative.start()]
        # a place after a later trigger of another clause is that trigger's ('seized X hill, while
        # advancing to the centre of Y': Y is where they advanced, not what they seized)
        later = [t for t in d.triggers_in(sentence) if t.start >= trigger.end and t.relation != trigger.relation
                 and _CLAUSE_TURN.search(low, trigger.end, t.start)]
        if later:
            after = [m for m in after if m.start < later[0].start]
        # '..., opening the road to Aleppo': a participle's clause after a comma says what followed
        turn = _PARTICIPLE_TURN.search(low, trigger.end, sentence.end)
        if turn is not None:
            after = [m for m in after if m.start < turn.start()]
        if trigger.relation in ("control", "lost"):
            if low[trigger.start - 1:trigger.start] == "-":
                # 'rebel-held territory': the holder's adjective names the place right after it, or none
                after = [m for m in after if m.start - trigger.end <= 40]
                # ('Saraqeb, a rebel-held town': the place the description follows)
                before = [m for m in before[-1:] if (found := constructions.appositive_after(low, m.end, sentence.end))
                          is not None and found.end() >= trigger.end]
                if not after and not before:
                    return []  # ('several hills outside the town were still ISIL-held': not the town)
            elif constructions.object_relative(low, max(sentence.start, trigger.start - 60), trigger.start):
                # 'the villages that ISIL held, clearing the road to Aleppo': what was held is before 'that'
                after = []
        # behind the trigger, a place in a relative clause the trigger is not in says where something
        # else is ('the town, which lies on the road to Aleppo, after days of fighting')
        if before and not _in_relative_clause(low, sentence, trigger):
            before = [m for m in before if not _in_relative_clause(low, sentence, m)]
        if trigger.relation != "advance":  # 'moved 5 km north of Raqqa' advances on Raqqa
            refs = {id(m): kind for m in before + after if (kind := _reference(low, sentence, m))}
            bearings = [m for m in (before[::-1] + after if trigger.place_before else after + before[::-1])
                        if refs.get(id(m)) == "bearing"]
            # the ends of a route stay candidates, after any finer place named with them
            route = {key for key, kind in refs.items() if kind == "route"}
            before = [m for m in before if id(m) not in refs or id(m) in route]
            after = [m for m in after if id(m) not in refs or id(m) in route]
        else:
            bearings, route = [], set()
        # a place that only holds a finer one named with it ('Tassil town in Dara countryside') binds
        # nothing, unless the finer one is only a reference point ('west of Aleppo near Afrin')
        kept = {id(m) for m in before + after}
        before = [m for m in before if id(containers.get(id(m))) not in kept]
        after = [m for m in after if id(containers.get(id(m))) not in kept]
        if trigger.relation in ("presence", "advance", "control"):
            # 'deployed from Damascus to Albu Kamal': the place left is not where they are
            away = [m for m in after if _FROM_BEFORE.search(low, max(sentence.start, m.start - 20), m.start)]
            if away and len(away) < len(after):
                after = [m for m in after if m not in away]
        elif trigger.relation in ("contested", "strike"):
            # 'the army attacked from the south of Amirli in Adhaim': where they attacked from is no target
            after = [m for m in after if not (m.start - trigger.end <= 60 and _ATTACKED_FROM.fullmatch(low, trigger.end, m.start))]
        if trigger.relation in ("strike", "contested", "control", "lost", "advance"):
            # 'a car bomb in Iraq': somewhere in the country, not at its middle; 'the stronghold of
            # ISIS in Syria' holds no country
            before = [m for m in before if m.kind != "country"]
            after = [m for m in after if m.kind != "country"]
        if trigger.victims:
            # 'shot dead Ali Hasan al-Obeidi': a place inside the name of the people killed is a surname
            before = [m for m in before if not _IN_VICTIM_NAME.fullmatch(text, trigger.end, m.start)]
            after = [m for m in after if not _IN_VICTIM_NAME.fullmatch(text, trigger.end, m.start)]
        sides = (before[::-1], after) if trigger.place_before else (after, before[::-1])
        side = sides[0] or sides[1]
        # the real place is a name the gazetteer lacks: no claim at another place
        first = side[0] if side else None
        limit = first.start if first is not None and first.start > trigger.end else sentence.end
        for u in in_unresolved:
            if trigger.victims and _VICTIM_AFTER.fullmatch(text, trigger.end, u.start):
                continue  # 'shot dead Ali Hasan': a person, not a place left unresolved
            # 'near the Dawla roundabout in Raqqa city': the named town holds the unknown spot
            if trigger.end <= u.start < limit and not (
                    first is not None and first.kind not in REGION_KINDS and not _elsewhere_in_region(low, u.end, first)
                    and (_CONTAINED_IN.fullmatch(low, u.end, limit) or first.kind in ("district", "subdistrict")
                         and _DISTRICT_GAP.fullmatch(low, u.end, limit))):
                return []
        if (first is None or first.kind in REGION_KINDS) and _unknown_place(text, trigger.start, limit, in_places):
            return []
        if first is not None and first.end <= trigger.start:
            # behind the trigger too: 'took Tall X in Daraa countryside after clashes' (Tall X unknown)
            # is no fight at the town that names the countryside
            for u in in_unresolved:
                if u.end <= first.start and first.start - u.end < 60 and _CONTAINED_IN.fullmatch(low, u.end, first.start) \
                        and _elsewhere_in_region(low, u.end, first):
                    return []
        if first is not None and first.start > trigger.end and any(
                _ROUTE_GAP.search(low, end, first.start) for end in _unknown_place_ends(text, trigger.end, first.start, in_places)):
            return []  # 'near Dabshiya village on the Rabia - Mosul road': the road's towns are not where it happened
        if not side:
            if last_place is not None and (_CITY_ANAPHORA.search(low, sentence.start, sentence.end)
                                           or constructions.pronoun_object(low, trigger.end, sentence.end)
                                           or constructions.place_subject(low, sentence.start, trigger.start)):
                return [(last_place, None, True)]
            if bearings and (trigger.relation not in ("control", "lost") or len(text) <= _SHORT_NOTE):
                # 'attacks north of Baghdad' with no other place: about there, not at a distance given
                # (a coded note places the event at the town it names; in long-form reporting
                # 'captured three villages east of al-Rai' took no part of al-Rai)
                return [(bearings[0], None, True)]
            return []
        specific = [m for m in side if m.kind not in REGION_KINDS]
        if route:  # 'on the Hama-Aleppo-Raqqa triangle near Ithriya': the village; 'on the Kahil-Tiba
            # road in Dara countryside': the road's first end rather than the city of the countryside
            specific.sort(key=lambda m: (1, m.start) if id(m) in route else (0 if m.kind in _FINE_KINDS else 2, 0))
        head = (specific or side)[0]
        if head.kind == "country" and _CITY_ANAPHORA.search(low, trigger.end, head.start):
            return [(last_place, None, True)] if last_place is not None else []
        if _holds_unknown_place(text, low, sentence, head, in_unresolved):
            return []  # 'shelled Zur Maghar town in Aleppo province': the town, not the province
        group = _enumeration(text, in_places, head, containers, in_unresolved)
        destination = _from_to_destination(low, sentence, head, in_places)
        return [(m, destination, False) for m in group]


# 'Tal Tuqan village', 'Western Maliha town': the mention is a piece of a longer name that a
# place noun follows; the gazetteer does not know the whole name
_NAME_RIGHT = re.compile(r"(?:[ -](?:(?:al|el|ad|as|ar|az|ash)[ -])?[A-Z][\w'’]*)*[ -]" + place_noun_pattern("name_right") + r"\b")
_NAME_LEFT = re.compile(r"(?<![.!?:]\s)(?<![\w.!?:])(?!(?:In|On|At|Near|From|To|Of|The|And|Or|Around|Syria|Syrian|Iraq|Iraqi|Turkish)\b)[A-Z][\w'’]*[ -]$")


def annotate(doc: Document, mentions: list[Mention], syntax: bool = False) -> ClaimDocument:
    """The claim stages' layers of one document, in order: its lower-cased copy, sentences, the
    places a claim may bind to, actor names (an actor inside a place name is no actor, a place
    inside an actor's name is no place), relation triggers, and which place holds which.

    >>> d = annotate(Document("d", "Turkish forces shelled Afrin. ISIS fled."), [])
    >>> [s.text for s in d.sentences], [a.actor for a in d.actors], [t.relation for t in d.triggers]
    (['Turkish forces shelled Afrin.', 'ISIS fled.'], ['Turkey', 'ISIS'], ['strike'])
    >>> [a.actor for a in d.actors_in(d.sentences[1])]
    ['ISIS']
    """
    text = doc.text
    d = ClaimDocument(doc, text, lowered(text))
    d.sentences = split_sentences(doc.id, text)
    places, unresolved = _candidate_places(text, mentions)
    found_actors = find_actors(text, low=d.low, country=_home_country(places))
    inside = {id(m) for m in places for a in found_actors  # ('the Levant' of 'the Levant Front')
              if a.start < m.end and m.start < a.end and a.end >= m.end and (a.end - a.start) > (m.end - m.start)}
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
            d.places_in(s) or d.unresolved_in(s) or _CITY_ANAPHORA.search(d.low, s.start, s.end))])
    return d


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
        if b.start - a.end > 80 or a.kind in REGION_KINDS or not _CONTAINER_GAP.fullmatch(text, a.end, b.start):
            continue
        if id(b) in far and re.fullmatch(r"\s*\(", text[a.end:b.start]):
            far.add(id(a))  # 'Edine (Edin)': one place under two spellings, both misread
        elif b.kind in ("town", "village", "district", "subdistrict") and _km(a.lat, a.lon, b.lat, b.lon) > _CONTAINER_REACH_KM:
            far.add(id(a))
    return far


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


_POSSESSIVE = re.compile(r"['’]s?\s+")
_OF_TOWN = re.compile(r"\s+of\s+(?:the\s+)?")


def _containers(text: str, places: list[Mention]) -> dict[int, Mention]:
    """The place mentions that hold the place named just before them ('Tassil town in Dara
    countryside', 'Al Amadiya district of Duhok', 'Aziziyeh village, Hasakeh', 'X (Ninewa)'),
    by id, each with the finer place it holds."""
    held: dict[int, Mention] = {}
    for a, b in zip(places, places[1:]):
        # a named area inside a town's countryside ('Jabal al-Akrad in Latakia countryside') is the finer
        # place; a wide one a town qualifies is not ('the Badia of Al-Mayadin' is the town's desert)
        finer_region = a.kind == "region" and b.kind not in REGION_KINDS and not _OF_TOWN.fullmatch(text, a.end, b.start)
        if (a.kind in REGION_KINDS and not finer_region) or b.start - a.end > 80 or b.place_id == a.place_id:
            continue
        if b.start - a.end <= 3 and _POSSESSIVE.fullmatch(text, a.end, b.start) and b.kind not in REGION_KINDS | {"country"}:
            held[id(a)] = b  # "Idlib's Khan Sheikhoun", "Syria's Raqqa": the first holds the second
            continue
        gap = _CONTAINER_GAP.fullmatch(text, a.end, b.start)
        if gap is None:
            continue
        if "," in gap.group() and "(" not in gap.group():
            # 'Tabqa, Raqqa and Deir ez-Zor' lists places; 'Sheladiz town, Duhok' places one
            if (re.match(r"\s*(?:,|and\b|or\b|&)", text[b.end:b.end + 6])
                    or re.search(r"(?:,|\band|\bor|&)\s*$", text[max(0, a.start - 6):a.start])):
                continue
        held[id(b)] = a
    return held


def _province_like(low: str, m: Mention) -> bool:
    """'Idleb governorate', 'Aleppo province', 'the province of Hama': the name stands for the whole
    province. ('Aleppo countryside' is left at the city: the coded villages of a countryside lie
    mostly within a few tens of kilometres of the city that names it.)"""
    return (m.kind in COARSE_KINDS - {"city"} or _PROVINCE_AFTER.match(low, m.end) is not None
            or _PROVINCE_BEFORE.search(low, max(0, m.start - 30), m.start) is not None)


# 'the last city controlled by ISIS in Homs province': a place the words do not name, in the province
_UNNAMED_BEFORE = re.compile(r"\b(?:the|a|an|one|its|their|last)\s+(?:\w+\s+)?" + place_noun_pattern("unnamed") + r"\s+(?:(?:controlled|held|besieged|surrounded)\s+by\s+[^,;.]{2,30}?\s+)?(?:in|of)\s+(?:the\s+)?$")


def _holds_unknown_place(text: str, low: str, sentence: Sentence, head: Mention, in_unresolved: list[Mention]) -> bool:
    """``head`` is a province that only holds the real place, a name the gazetteer lacks ('in Zur
    Maghar town in Aleppo province', 'Saida village of Raqqa governorate'): no claim at the province."""
    if not _province_like(low, head):
        return False
    window_start = max(sentence.start, head.start - 120)
    for u in in_unresolved:
        if window_start <= u.start and u.end <= head.start and _CONTAINER_GAP.fullmatch(text, u.end, head.start):
            return True
    return (_UNKNOWN_BEFORE.search(text, window_start, head.start) is not None
            or _UNNAMED_BEFORE.search(low, max(window_start, head.start - 60), head.start) is not None)


# 'Zur Maghar town in Aleppo countryside', 'Saida village of Raqqa': a settlement in the region a
# town names, not a spot inside that town
_SETTLEMENT_GAP = re.compile(r"[^.;]*?\b" + place_noun_pattern("settlement_gap") + r"\b")
_REGION_AFTER = re.compile(r"['’]?s?[\s-]+" + place_noun_pattern("region_after") + r"\b")
_REGION_BEFORE = re.compile(r"\b(?:" + place_noun_pattern("region_before") + r"|rural)\s+(?:of\s+)?(?:the\s+)?$")


_RESPONSIBILITY = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|took|take[sn]?|(?:has|have|had)\s+claimed)\s+(?:\w+\s+){0,2}?responsibility\b"
    r"|\b(?:responsibility\s+(?:\w+\s+){0,4}?)?claimed\s+by\s+")


def _claimant(low: str, actors: list[ActorMention]) -> str | None:
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


def _elsewhere_in_region(low: str, unknown_end: int, town: Mention) -> bool:
    """The unknown name before ``town`` is a settlement of the region the town names ('Zur Maghar
    town in Aleppo countryside'), not a spot inside the town ('the Dawla roundabout in Raqqa city',
    'the Bayaa area of Baghdad'). A district holds its villages: a claim may stand at it."""
    if town.kind in ("district", "subdistrict"):
        return False
    return (_SETTLEMENT_GAP.match(low, unknown_end, town.start) is not None
            or _REGION_AFTER.match(low, town.end) is not None
            or _REGION_BEFORE.search(low, max(0, town.start - 30), town.start) is not None)


def _piece_of_a_name(text: str, m: Mention) -> bool:
    right = _NAME_RIGHT.match(text, m.end)
    if right is None:
        return False
    name_words = text[m.end:right.end()].split()[:-1]  # the words between the mention and the place noun
    return bool(name_words) or _NAME_LEFT.search(text, max(0, m.start - 25), m.start) is not None


# between an unknown place and a known one: the known one names a road or an end of a route
_ROUTE_GAP = re.compile(r"\b(?:on|along)\s+(?:the\s+)?$|\b(?:between|from|to|towards?)\s+(?:the\s+)?$")


def _unknown_place_ends(text: str, start: int, end: int, known: list[Mention]) -> list[int]:
    """Where each unknown name with a place noun in ``text[start:end]`` ends."""
    return [match.end() for match in _UNKNOWN_PLACE.finditer(text, start, end)
            if not any(match.start() < m.end and m.start < match.end() for m in known)]


def _unknown_place(text: str, start: int, end: int, known: list[Mention]) -> bool:
    """A name and a place noun in ``text[start:end]`` ('in Zur Maghar town') that is not a place
    the gazetteer found ('west of Raqqa city' is Raqqa)."""
    for match in _UNKNOWN_PLACE.finditer(text, start, end):
        if not any(match.start() < m.end and m.start < match.end() for m in known):
            return True
    return False


def _reference(low: str, sentence: Sentence, m: Mention) -> str | None:
    """How ``m`` is only a reference point: 'distance' ('60 km south of Baghdad': the event is
    elsewhere), 'bearing' ('north of Baghdad': near it), 'route' (an end of 'the Baghdad - Kut
    road', a corner of 'the Hama-Aleppo-Raqqa triangle': somewhere along it), or None (a place of
    the event; 'in the south of Baghdad' is inside it)."""
    route = _ROUTE_AFTER.match(low, m.end, sentence.end)
    if route and (route.group("joined") or _JOINED_BEFORE.search(low, max(sentence.start, m.start - 4), m.start)):
        return "route"
    found = _REFERENCE_BEFORE.search(low, max(sentence.start, m.start - 40), m.start)
    if found is None:
        return None
    if _INSIDE_BEFORE.search(low, max(sentence.start, found.start() - 8), found.start()):
        return None
    far = _DISTANCE.search(found.group()) or _DISTANCE_BEFORE.search(low, max(sentence.start, found.start() - 40), found.start())
    return "distance" if far else "bearing"


def _in_relative_clause(low: str, sentence: Sentence, m: Mention | Trigger) -> bool:
    """Whether ``m`` (a mention or a trigger) stands in a relative clause (', which ...' up to the
    next comma)."""
    opened = None
    for opened in cue("relative").finditer(low, sentence.start, m.start):
        pass
    return opened is not None and "," not in low[opened.end():m.start]


def _clause_start(low: str, sentence: Sentence, at: int) -> int:
    """Where the clause holding offset ``at`` starts (after the last ';', dash or ', while')."""
    start = sentence.start
    for match in _CLAUSE_BREAK.finditer(low, sentence.start, at):
        start = match.end()
    return start


# 'in Gire FM and Gire Bihar areas (Kurdish names) in Zap region (Al Amadiya district)': unknown names
# that a district named after them, in the same clause, holds
_DISTRICT_GAP = re.compile(r"[^.;:]{0,110}?(?:\bin|\bof|\(|,)\s*(?:the\s+)?")
# ('the villages of A, B and C': the naming word before the whole list)
_NAMING_WORD_BEFORE = re.compile(r"\b(?:the\s+)?(?P<word>" + place_noun_pattern("naming") + r")s?\s+of\s+(?:the\s+)?"
                                 r"(?:[^,.;:()]{2,40}?(?:,\s*(?:and\s+)?|\s+and\s+))*$")
# the kinds of place each naming word names ('the villages of X' are X, 'three villages of Mosul' part of it)
_NAMED_KINDS = {"village": {"village", "hamlet", "town"}, "hamlet": {"village", "hamlet"},
                "town": {"town", "village"}, "city": {"city", "town"}}


def _partitive(low: str, trigger: Trigger, place: Mention) -> bool:
    """'took half of X', 'seized three districts of eastern X': part of the place, not all of it."""
    if place.start < trigger.end or place.start - trigger.end > 60:
        return False
    end = place.start
    naming = _NAMING_WORD_BEFORE.search(low, trigger.end, end)
    if naming is not None and place.kind in _NAMED_KINDS[naming.group("word")]:
        end = naming.start()  # 'took the villages of X and Y': the words name the villages, all of them
    return cue("partitive").search(low, trigger.end, end) is not None


_SEQUENCE_GAP = 20  # characters between two changes of hands that are two events ('lost it ... and retook it')


def _told_in_turn(low: str, first: int, then: int) -> bool:
    """Two changes of hands at ``first`` and ``then`` (trigger starts) told one after the other in
    coordinated clauses ('lost it in December and retook it'), not one in a clause that dates the
    other ('lost X less than 48 hours after state media announced its capture')."""
    between = low[first:then]
    return then - first >= _SEQUENCE_GAP and _COORDINATED.search(between) is not None \
        and _DATING.search(between) is None and _NOUN_BEFORE.search(low, max(0, then - 8), then) is None


_COORDINATED = re.compile(r",|\band\b")
_DATING = re.compile(r"\b(?:after|before|since|when|following|until|once)\b")
_NOUN_BEFORE = re.compile(r"\b(?:its|their|the|a|his|her)\s+$")


def _one_per_place(claims: list[Claim], distances: list[int], at: list[int], low: str) -> list[Claim]:
    """One sentence, one claim per actor and place: a change of hands (lost, control, advance)
    before a fight or a strike, else the relation whose trigger is nearest the place. Changes of
    hands told one after the other ('regained control of X in March, lost it in December and
    retook it') end in the last one; 'lost control of X' is one change, a loss."""
    best: dict[tuple, tuple] = {}
    for i, c in enumerate(claims):
        key = (c.actor, c.place_id, c.to_place_id)
        change = c.relation in ("lost", "control", "advance")
        rank = (_PRIORITY[c.relation] if change else 9, distances[i], i)
        if key in best:
            j = best[key][2]
            if change and claims[j].relation in ("lost", "control") and c.relation in ("lost", "control") \
                    and c.relation != claims[j].relation and _told_in_turn(low, at[j], at[i]):
                best[key] = (-1, 0, i)  # the later change of hands is where the sentence leaves the place
                continue
        if key not in best or rank < best[key]:
            best[key] = rank
    kept = {rank[2] for rank in best.values()}
    # one holder per place: two actors in control of one place in one sentence contradict each
    # other; the trigger nearest the place (its own clause before one behind it) keeps its claim
    holder: dict[str, int] = {}
    for i in sorted(kept):
        c = claims[i]
        if c.relation == "control":
            j = holder.get(c.place_id)
            if j is None or distances[i] < distances[j]:
                holder[c.place_id] = i
    kept = {i for i in kept if claims[i].relation != "control" or holder[claims[i].place_id] == i}
    # a strike the sentence gives a named actor is not also an unidentified one's ('soldiers were
    # killed ... by shelling whose source is the Kurdish Units')
    strikes = [i for i in kept if claims[i].relation == "strike"]
    if len(strikes) > 1:
        known = actor_lexicon().actors
        unnamed = {i for i in strikes if claims[i].actor in known and known[claims[i].actor].kind == "unidentified"}
        named = {claims[i].place_id for i in strikes if i not in unnamed}
        kept = {i for i in kept if not (i in unnamed and claims[i].place_id in named)}
    return [c for i, c in enumerate(claims) if i in kept]


def _corridor_places(text: str, low: str, sentence: Sentence, trigger: Trigger, before: list[Mention], after: list[Mention],
                     last_place: Mention | None) -> list[tuple[Mention, Mention | None, bool]]:
    everything = sorted(before + after, key=lambda m: m.start)
    for origin in everything:
        destination = _from_to_destination(low, sentence, origin, everything)
        if destination is not None:
            return [(origin, destination, False)]
    specific_before = [m for m in before if m.kind not in REGION_KINDS]
    origin = specific_before[-1] if specific_before else None
    fallback = False
    if origin is None:
        specific_after = [m for m in after if m.kind not in REGION_KINDS]
        if specific_after and _LEAVING_BEFORE.search(low, max(sentence.start, specific_after[0].start - 25), specific_after[0].start):
            origin = specific_after[0]
        elif last_place is not None:
            origin, fallback = last_place, True
    if origin is None:
        return []
    destinations = []
    previous_end = max(trigger.end, origin.end)
    for m in (m for m in after if m.start >= previous_end):
        if m.place_id != origin.place_id and _DIRECTION.search(low, previous_end, m.start):
            destinations.append(m)
        previous_end = m.end
    specific = [m for m in destinations if m.kind != "country"] or destinations
    seen, unique = set(), []
    for m in specific:
        if m.place_id not in seen:
            seen.add(m.place_id)
            unique.append(m)
    if not unique:
        return [] if trigger.needs_destination else [(origin, None, fallback)]
    return [(origin, d, fallback) for d in unique]


def _from_to_destination(low: str, sentence: Sentence, origin: Mention, in_places: list[Mention]) -> Mention | None:
    """'from Raqqa to the side of the Syrian Palmyra': the place after 'to' when ``origin`` follows 'from'."""
    if not _FROM_BEFORE.search(low, max(sentence.start, origin.start - 20), origin.start):
        return None
    for m in in_places:
        if m.start > origin.end and m.place_id != origin.place_id:
            if m.start - origin.end < 60 and _TOWARDS.search(low, origin.end, m.start):
                return m
            break
    return None


# ', ', ' and ', ', and the villages of ', ' city and the neighbourhoods of ': one list goes on
_LIST_GAP = re.compile(r"\s*(?:" + place_noun_pattern("settlement_of") + r"\s+)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)"
                       r"(?:the\s+(?:" + place_noun_pattern("anaphora") + r"s?\s+of\s+)?)?", re.IGNORECASE)


# a name in a list that nobody found ('Muhassan, Zarzur Kabir and Tabni'): capitalised words
_LIST_NAME = re.compile(r"(?:(?:al|el|Al|El|Abu|Tal|Tel|Ain|Ayn)[\s-]+)?[A-Z][\w'’-]*(?:[\s-]+(?:(?:al|el|ad|as|ash|ar|az|bin|abu)[\s-]+)?[A-Z][\w'’-]*){0,3}")


def _list_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` goes on with a list: a separator, or separators around names
    the geoparser did not find."""
    pos = start
    for _ in range(6):
        if _LIST_GAP.fullmatch(text, pos, end):
            return True
        sep = _LIST_GAP.match(text, pos, end)
        if sep is None or sep.end() == pos:
            return False
        name = _LIST_NAME.match(text, sep.end(), end)
        if name is None:
            return False
        pos = name.end()
    return False


def _enumeration(text: str, in_places: list[Mention], head: Mention, containers: dict[int, Mention],
                 in_unresolved: list[Mention] = ()) -> list[Mention]:
    """'al-Mayadeen, Deir Al-Zour and al-Bu Kamal': the places listed with ``head`` (not the
    province that holds it: 'Al Amadiya, Duhok'). A name of the list the gazetteer lacks ('A, B
    and C' with B unknown) keeps the list going: it is one more item, bound to nothing."""
    group = [head]
    ordered = sorted([*in_places, *(u for u in in_unresolved if not any(u.start < m.end and m.start < u.end for m in in_places))],
                     key=lambda m: m.start)
    index = next(i for i, m in enumerate(ordered) if m is head)
    for direction in (-1, 1):
        i = index
        while 0 <= i + direction < len(ordered):
            a, b = (ordered[i + direction], ordered[i]) if direction < 0 else (ordered[i], ordered[i + direction])
            if not _list_gap(text, a.end, b.start) or id(b) in containers:
                break
            i += direction
            group.append(ordered[i])
    resolved = {id(m) for m in in_places}
    group = [m for m in group if id(m) in resolved]
    seen, unique = set(), []
    for m in sorted(group, key=lambda m: m.start):
        if m.place_id not in seen and m.kind not in REGION_KINDS | {"country"}:
            seen.add(m.place_id)
            unique.append(m)
    return unique or [head]


_AND_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+|allied\s+)?")
_AND_VERB = re.compile(r"(?:\s+(?:(?:military\s+)?police|forces|troops|fighters|militias?|militants|units|army))?"
                       r"\s*(?:\([^)]{0,30}\)\s*)?(?:(?:have|has|had|jointly|also|reportedly)\s+)*"
                       r"(?:(?:engaged|were\s+involved|took\s+part)\s+in\s+)?$")


def _coordinated(low: str, actors: list[ActorMention], actor: str, trigger: Trigger) -> list[str]:
    """The other actors of a subject that joins several with 'and' right before the trigger
    ('Turkish forces and the SNA shelled X', 'regime forces, Hezbollah and Iranian militias
    stormed X'): each of them acts too."""
    before = [a for a in actors if a.end <= trigger.start]
    if len(before) < 2 or before[-1].actor != actor or not _AND_VERB.match(low, before[-1].end, trigger.start):
        return []
    partners: list[str] = []
    for left, right in zip(before[-2::-1], before[::-1]):
        if not _AND_BETWEEN.fullmatch(low, left.end, right.start):
            break
        if left.actor != actor and left.actor not in partners:
            partners.append(left.actor)
    return partners


# a sentence that opens with the previous source speaking again
_SAYS_AGAIN = re.compile(r"\s*(?:it|they|he|she|the\s+(?:monitor|observatory|group|agency|ministry|statement))\s+"
                         r"(?:also\s+)?(?:said|says|added|reported|claimed|stated)\b")
# the same speaker goes on: a sentence that opens a quotation, or '..., he added'
_FIRST_PERSON = re.compile(r"\b(?:we|our)\b")
_QUOTE_OPENS = re.compile(r"\s*[\"“‘]")
_HE_ADDED = re.compile(r"[,\"”’]\s*(?:he|she|it|they)\s+(?:also\s+)?(?:said|added|says|adds)\b")
# a party that claims its own deed is its source ('Iraqi forces have claimed control of Kirkuk')
_SELF_CLAIM = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:claimed|declared|announced)\s+(?:(?:full|complete|total)\s+)?"
                         r"(?:control|victory|the\s+(?:capture|liberation|seizure)|to\s+have)\b")
_INSTRUMENT_BEFORE = re.compile(r"(?<!along )(?<!together )(?<!conjunction )\b(?:with|using)\s+(?:[\w-]+\s+){0,2}$")
# 'The SDF said it had ...', 'the army announced that its forces ...': the speaker is the subject
_OF_ITSELF = re.compile(r",?\s+(?:(?:said|says|claimed|claims|announced|announces|stated|confirmed|reported|denied|denies)\s+"
                        r"(?:(?:on|late|early|last|this)\s+\w+\s+)?(?:(?:reports?|claims?)\s+)?(?:that\s+)?"
                        r"(?:it|they|(?:its|their|the)\s+(?:forces|fighters|troops|units|jets|warplanes|aircraft|planes|drones))"
                        r"|claim(?:ed|s)\s+to\s+have"  # 'ISIS claimed to have captured X
                        # 'the Security Media Cell announced the arrest of ...': its own deed
                        r"|(?:announced|announces|declared|declares|reported)\s+(?:the\s+)?(?:\w+\s+)?"
                        r"(?:arrests?|killing|destruction|capture|liberation|seizure|dismantling|neutrali[sz]ation|launch))\b")
_SPEAKS_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:condemn(?:ed|s)|denounc(?:ed|es)|deplor(?:ed|es)|critici[sz](?:ed|es)|"
                           r"welcom(?:ed|es)|warn(?:ed|s)|called\s+for|calls\s+for)\b")
_WITH_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:with|against|between)\s+(?:the\s+|an?\s+)?")
_AND_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _opponents(low: str, actors: list[ActorMention], trigger: Trigger) -> list[str]:
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


def _is_modifier(low: str, actor: ActorMention) -> bool:
    """'US-led', 'backed by the coalition': an actor that qualifies another one ('Turkish troops
    held drills': a plural noun before 'held' is its subject, not a modifier)."""
    after = _MODIFIER_AFTER.match(low, actor.end, actor.end + 24)
    if after is not None and after.group().startswith(" ") and _PLURAL_SUBJECT.search(low, actor.start, actor.end):
        after = None
    return bool(after or _MODIFIER_BEFORE.search(low, max(0, actor.start - 30), actor.start))


def _is_helper(low: str, actor: ActorMention) -> bool:
    """'with the International Coalition's support', 'with support from Russian artillery': an actor
    that helps the one that acts (when the clause names that one too)."""
    return bool(_HELPER_BEFORE.search(low, max(0, actor.start - 40), actor.start)
                or (_SUPPORTING_AFTER.match(low, actor.end)
                    and re.search(r"\bwith\s+(?:the\s+)?\S*\s*$", low[max(0, actor.start - 16):actor.start])))


def _victims_then_agent(low: str, trigger: Trigger, actor: ActorMention) -> bool:
    """'killed 20 civilians in Russian air strikes', 'was shot by a regime sniper': the deed's
    doer after the victims ('a guard working in QSD offices' names no doer)."""
    gap = _VICTIMS_THEN_AGENT.fullmatch(low, trigger.end, actor.start)
    return gap is not None and (gap.group("word") == "by" or _WEAPON_END.search(low, actor.start, actor.end) is not None)


def _is_object(low: str, actor: ActorMention, relation: str) -> bool:
    """'expel the ISIS militants', 'fighting Isis', 'two policemen were killed (in a blast)': an
    actor acted upon. (Those killed in clashes still fought in them: a side of the fight.)"""
    return bool(_OBJECT_BEFORE.search(low, max(0, actor.start - 40), actor.start)) or \
        relation != "contested" and (bool(_TARGET_OF_BEFORE.search(low, max(0, actor.start - 30), actor.start))
                                     or bool(_PATIENT_AFTER.match(low, actor.end)))


def _dominant_place(places: list[Mention]) -> Mention | None:
    counts: dict[str, list[Mention]] = {}
    for m in places:
        if m.kind not in REGION_KINDS:
            counts.setdefault(m.place_id, []).append(m)
    if not counts:
        return None
    return max(counts.values(), key=len)[0]


def _claim(doc: Document, sentence: Sentence, relation: str, actor: str, place: Mention,
           destination: Mention | None, stance: str, attribution: str, confidence: float) -> Claim:
    return Claim(
        doc=doc.id, start=sentence.start, end=sentence.end, text=sentence.text, actor=actor,
        relation=relation, place=place.name, place_id=place.place_id, lat=place.lat, lon=place.lon,
        stance=stance, attribution=attribution, confidence=confidence,
        to_place=destination.name if destination else None,
        to_place_id=destination.place_id if destination else None,
        to_lat=destination.lat if destination else None, to_lon=destination.lon if destination else None,
        place_start=place.start if place.doc == doc.id and sentence.start <= place.start < sentence.end else -1,
        place_end=place.end if place.doc == doc.id and sentence.start <= place.start < sentence.end else -1,
    )


# what a group does that says nothing of where it acts: speech, opinion, agreement
_NO_ACTIVITY = re.compile(
    r"\b(?:said|says|say|stated|announced|claimed|denied|denies|accused|accuses|blamed|condemned|condemns|"
    r"warned|warns|called|calls|demanded|demands|urged|urges|agreed|agrees|threatened|threatens|welcomed|"
    r"rejected|rejects|refused|refuses|promised|vowed|pledged|plans?|planned|intends?|wants?|hopes?|"
    r"expects?|believes?|reported|reports|published|released\s+a\s+statement|issued|met\s+with|"
    r"discussed|negotiat\w+|talks?|meeting|mourned|buried|funeral|protest\w*|demonstrat\w+|"
    r"no|not|never|without)\b")
_ACTIVITY_VERB = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:(?:have|has|had|also|reportedly|again)\s+)*[a-z]+(?:ed|t)\b")
_LOCATIVE = re.compile(r"\b(?:in|at|into|inside|to|near)\s+(?:the\s+)?(?:" + place_noun_pattern("locative_of") + r"\s+of\s+)?$")


def _activity(d: ClaimDocument) -> Claim | None:
    """A short note that names a group, a deed of the group's in the past tense and a place after
    'in', 'at' or 'near', but none of the verbs the relation lexicon knows ('the SDF held a
    meeting with tribal elders in X' names no relation): the group was present there. Nothing
    when the deed is speech or opinion, when it is denied, or when the place is a name the
    gazetteer lacks."""
    for sentence in d.sentences:
        if d.triggers_in(sentence):
            continue  # the lexicon's verbs found no claim here: an unknown place, an actor we lack
        src_start, src_end, attribution = attribution_span(sentence, d.low)
        actors = [a for a in d.actors_in(sentence) if not (src_start <= a.start < src_end)
                  and not _is_modifier(d.low, a) and not _is_object(d.low, a, "presence")]
        if not actors:
            continue
        actor = actors[0]
        verb = _ACTIVITY_VERB.match(d.low, actor.end)
        if verb is None or _NO_ACTIVITY.search(d.low, actor.end, min(sentence.end, verb.end() + 40)):
            continue
        places = [m for m in d.places_in(sentence) if m.start >= verb.end() and m.kind != "country"
                  and _LOCATIVE.search(d.low, max(sentence.start, m.start - 30), m.start)
                  and not src_start <= m.start < src_end and _reference(d.low, sentence, m) is None]
        if not places or any(verb.end() <= u.start < places[0].start for u in d.unresolved_in(sentence)):
            return None
        place = next((m for m in places if id(m) not in d.containers), places[0])
        return _claim(d.doc, sentence, "presence", actor.actor, place, None, body_stance(d.low, sentence),
                      attribution, 0.4)
    return None


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    seen, unique = set(), []
    for c in claims:
        key = (c.doc, c.start, c.actor, c.relation, c.place_id, c.to_place_id)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
