"""Claims from sentences: who controls, lost, contests, holds out in, advances on, strikes, or
passes through which place, stated how and according to whom.

Rules, not a model. The knowledge is data: relation triggers and their cues (``geo/data/lexicon``,
:mod:`geo.claims.rules`), actor names (:mod:`geo.claims.actors`), stance and sources
(:mod:`geo.claims.stance`), the constructions of long-form reporting (goals, attempts, leads,
descriptions, reversals: ``geo/data/claims/constructions.toml``) and the binding rules, two ordered
ladders of named records (``geo/data/claims/binding.toml``): who a trigger's actor is
(:mod:`geo.claims.bind_actor`) and which places it binds (:mod:`geo.claims.bind_place`). Here each
sentence's triggers are checked against the constructions (a goal, a heading, a description of a
place), bound by the ladders, given a stance and a source (the sentence's, the paragraph's that
goes on quoting, or the party's that claims its own deed), and kept one per actor and place.
Where a sentence names no actor or place ('the city'), the document's last actor or place stands
in, with a lower confidence. A denial with no claim of its own ('The SDF denies the existence of
any agreement') denies the claims of the sentence before it. The document's layers are built once
(:mod:`geo.claims.annotate`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable

from geo.claims import bind_actor, bind_place, constructions, discourse
from geo.claims import syntax as syntax_parse
from geo.claims.actors import lexicon as actor_lexicon
from geo.claims.annotate import annotate
from geo.claims.bind_actor import is_helper, is_modifier, is_object
from geo.claims.sides import claimant_of, coordinated_actors, opponents_of
from geo.claims.calibration import calibrate
from geo.claims.centres import Centres
from geo.claims.clauses import (SHORT_NOTE, names_unknown_place, part_of_city, partitive_of,
                                reference_kind, start_of_clause)
from geo.claims.cues import named
from geo.claims.document import ClaimDocument
from geo.claims.rules import Trigger, cue
from geo.claims.rules import lexicon as rules_lexicon
from geo.claims.speakers import Speakers
from geo.claims.stance import attribution_span, body_stance, negated, outlet_of
from geo.model import REGION_KINDS, Claim, Document, Mention, Sentence

__all__ = ["ClaimExtractor", "REGION_KINDS", "annotate"]


# between a control word and its place: things near it were taken, not the place or a part of it
_NEAR_ONLY = named("near_only")
_HELD_FEATURE = named("held_feature")
_HOLDS = named("holds")


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
        speakers = Speakers(d)  # who speaks in each sentence, in order
        last_actor: str | None = None
        last_place: Mention | None = dominant
        salience: dict[str, tuple[int, int, Mention]] = {}  # place id -> (mentions so far, last sentence, mention)
        previous: list[Claim] = []
        centres = Centres(d)  # the actors the sentences so far are about ('they', 'the group')
        # a short note may name the event's place only in the next sentence ('Gunmen shot dead an
        # official. He was driving in Kirkuk.'): the claims of a sentence that names no place of its own
        pending: list[tuple[Sentence, str, str, str, str, bool]] = []
        short_note = len(text) <= SHORT_NOTE
        # 'ISIS claimed responsibility for the attack': in a short note, the group that claims the
        # attack is the actor of the blasts and killings no other words attribute
        claimant = claimant_of(low, d.actors) if short_note else None
        for sentence in d.sentences:
            lo, hi = sentence.start, sentence.end
            in_places = d.places_in(sentence)
            in_unresolved = d.unresolved_in(sentence)
            actors_here = d.actors_in(sentence)
            triggers_here = d.triggers_in(sentence)
            if triggers_here and constructions.says_nothing(low, lo, hi):
                triggers_here = []  # a heading, an image line: a topic, not an event
            # the source is needed only by claims of this sentence or a denial of the previous ones
            speech = speakers.of(sentence, actors_here, bool(triggers_here or previous))
            src_start, src_end, attribution, speaker = speech.start, speech.end, speech.attribution, speech.speaker
            in_actors = [a for a in actors_here if not speech.holds(a.start) or speech.of_itself]
            if src_end > src_start:  # '..., said General Taie in Baghdad': where the source speaks, not the event
                in_places = [m for m in in_places if not src_start <= m.start < src_end]
                in_unresolved = [u for u in in_unresolved if not src_start <= u.start < src_end]
            own: list[Claim] = []
            distances: list[int] = []  # from each claim's trigger to its place
            at: list[int] = []  # where each claim's trigger starts
            unclaimed: list[Trigger] = []  # triggers of this sentence that found no actor
            opponents: set[tuple[int, str]] = set()  # (trigger start, actor) of the fight partners named as the other side
            struck: list[tuple[Trigger, Claim]] = []  # strike triggers of this sentence and their first claim
            stance_of_body = None
            antecedent = _UNREAD  # what 'the town' of this sentence stands for, read at its first bound trigger
            parsed = d.parses.get(sentence.start)
            clause_start = _clause_starts(low, sentence)
            descriptions = discourse.descriptions(low, sentence, in_places) if triggers_here else []
            for k, trigger in enumerate(triggers_here):
                relation = trigger.relation
                if constructions.goal_before(low, trigger.start, lo):
                    continue  # 'their goal of capturing X', 'preparing an assault on X', 'if X is attacked': no event yet
                if relation in ("control", "lost") and constructions.feature_object(low, trigger.end, hi, in_places):
                    continue  # 'seized a key bridge between X and Y', 'captured hills near the town': not the town
                if relation == "control" and own and discourse.in_description(
                        low, sentence, trigger, in_places, {c.place_start for c in own if c.relation in ("control", "lost")}):
                    continue  # 'captured Baghouz, the last pocket held by ISIS': the main verb binds Baghouz
                if relation == "strike" and _INSTRUMENT_BEFORE.search(low, max(lo, trigger.start - 30), trigger.start) \
                        and any(t.relation == "strike" and t.start >= clause_start(trigger.start)
                                for t in triggers_here[:k]):
                    continue  # 'shelled X and Y with artillery shells': the shells are the shelling's, no second deed
                mood = parsed.mood(trigger.start, trigger.end) if parsed is not None else None
                if relation in ("control", "lost") or trigger.route:
                    window = low[max(lo, trigger.start - 40):trigger.start]
                    if mood == "goal" or cue("goal").search(window):
                        continue  # 'aim to seize', 'a capture would', 'sent to reopen the road': not yet done
                    if not trigger.route and relation == "control" and constructions.approach_before(low, trigger.start, lo):
                        relation = "advance"  # 'advancing to seize X': a move on the place, not yet a capture
                    elif not trigger.route and (mood == "attempt" or cue("attempt").search(window)
                                              or constructions.attempt_before(low, trigger.start, lo)):
                        relation = "contested"  # 'fight to retake': a fight for the place
                # 'Airstrikes hit X': the strike word before says whose 'hit' it is (a state's, unnamed)
                opens = clause_start(trigger.start) if unclaimed or struck else lo
                silent = any(t.relation == "strike" and t.start < trigger.start and t.start >= opens
                             for t in unclaimed)
                # 'Shelling by Turkish forces also hit X': the strike word before in the clause says whose 'hit' it is
                clause_actor = next((c.actor for t, c in struck if t.start >= opens), None)
                # ('reached X, one of the last ISIS strongholds before Y, and stormed it': the description's
                # actors and places are not the main verbs')
                actors_for, places_for = in_actors, in_places
                if descriptions:
                    outside = discourse.outside_descriptions(descriptions, trigger.start)
                    actors_for, places_for = outside(in_actors), outside(in_places)
                actor, carried = bind_actor.choose(bind_actor.ActorContext(
                    d, sentence, trigger, actors_for, last_actor, not silent, clause_actor or claimant, centres))
                if speaker is not None and (actor is None or carried or trigger.start < src_start and actor == speaker):
                    actor, carried = speaker, False
                if actor is None:
                    unclaimed.append(trigger)
                    continue
                last_actor = actor
                if antecedent is _UNREAD:  # (the same for every trigger of the sentence)
                    antecedent = discourse.referent(low, sentence, salience, last_place)
                targets = bind_place.choose(bind_place.PlaceContext(d, sentence, trigger, places_for, in_unresolved,
                                                                    antecedent, desert, salience=salience))
                if stance_of_body is None:
                    stance_of_body = body_stance(low, sentence)
                stance = "denied" if mood == "negated" or negated(low, sentence, trigger.start) else stance_of_body
                if not targets and short_note and relation in ("strike", "contested", "presence") and not in_unresolved \
                        and all(m.kind in REGION_KINDS for m in in_places) and not names_unknown_place(text, lo, hi, in_places):
                    pending.append((sentence, relation, actor, stance, attribution, carried))
                partners = [] if carried else coordinated_actors(low, in_actors, actor, trigger)
                if relation == "contested":  # 'X clashed with Y', 'clashes between X and Y': both fight there
                    opposed = [a for a in opponents_of(low, in_actors, trigger) if a != actor and a not in partners]
                    partners += opposed
                    opponents.update((trigger.start, a) for a in opposed)
                # 'took half of X and Y': the words before the first place of a list say it for all
                partitive = relation == "control" and bool(targets) and partitive_of(low, trigger, targets[0][0]) \
                    and not (not short_note and discourse.in_province(low, targets[0][0]))
                # 'overran villages south of Kirkuk': a place named only as a bearing was fought near, not taken
                partitive = partitive or relation in ("control", "lost") and len(targets) == 1 and targets[0][2] \
                    and reference_kind(low, sentence, targets[0][0]) == "bearing"
                # 'seized the western part of the base' (the base named before): part of it
                partitive = partitive or relation == "control" and len(targets) == 1 and targets[0][2] \
                    and targets[0][0].start < trigger.end and cue("partitive").search(low, trigger.end, min(hi, trigger.end + 40)) is not None
                # 'half of Albu Kamal', 'districts of eastern Aleppo': a fight for the place
                # ('still held parts of X', 'held a pocket in X': holding out in part of it; long-form:
                # 'captured the eastern part of X', 'took several districts of X': a reader takes the capture)
                place_relation = relation if not partitive else "presence" if _HOLDS.match(low, trigger.start) \
                    else "control" if not short_note and _part_taken(low, trigger, targets[0][0], hi) else "contested"
                if (partitive or targets and constructions.counted(low, trigger.end, targets[0][0].start)) and not short_note \
                        and relation == "control" and targets and _NEAR_ONLY.search(low, trigger.end, targets[0][0].start):
                    continue  # long-form: 'took two villages near al-Rai', 'the hilltop near X': not X (granularity)
                if targets and not short_note and relation == "control" and _counted_near_before(low, lo, trigger, targets[0][0]):
                    continue  # long-form: '11 villages near Fallujah were recaptured': not Fallujah
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
                if (left := discourse.place_left_behind(low, trigger, targets, last_place)) is not None:
                    own.append(_claim(doc, sentence, "lost", actor, left, None, stance, attribution, 0.5))
                    distances.append(10**6)
                    at.append(trigger.start)  # ('withdrew to the Habbaniyah base': they left the text's town)
            trigger_at = {id(c): t for c, t in zip(own, at)} if own else {}  # where each claim's trigger starts
            if opponents:
                # 'A captured X after clashes with B': the fight ended in A's capture; B's part in it is
                # no claim of its own (a reader takes A's control, not B's contest)
                taken = {(c.actor, c.place_id) for c in own if c.relation == "control"}
                mains = {t: c.actor for c, t in zip(own, at) if (t, c.actor) not in opponents}
                keep = [not ((t, c.actor) in opponents and c.relation == "contested" and (mains.get(t), c.place_id) in taken)
                        for c, t in zip(own, at)]
                own, distances, at = ([x for x, k in zip(seq, keep) if k] for seq in (own, distances, at))
            if own:
                own = _one_per_place(own, distances, at, low, frozenset(t.start for t in triggers_here if t.means))
            if own and (back := constructions.reversal(low, lo, hi)) is not None:
                # 'captured X and Y, before retreating back to the base': they took them, then left them
                held = {(c.actor, c.place_id) for c in own if c.relation == "lost"}
                own += [replace(c, relation="lost") for c in own if c.relation == "control" and 0 <= c.place_start < back
                        and (c.actor, c.place_id) not in held]
            if triggers_here and (battle := constructions.opening(low, lo, hi)) is not None:
                # 'The Battle of X began on D, when Y advanced on the city': Y contests X, has not taken it yet
                acting = [a for a in in_actors if not is_modifier(low, a) and not is_helper(low, a)]
                opened = discourse.opening_bindings(sentence, battle, acting, in_places, triggers_here)
                begun = {(actor, m.place_id) for actor, m in opened}
                own = [c for c in own if not (c.relation == "control" and (c.actor, c.place_id) in begun)] + [
                    _claim(doc, sentence, "contested", actor, m, None, stance_of_body or "asserted", attribution, 0.75)
                    for actor, m in opened]
            if in_actors and (opening := constructions.lead(low, lo, hi)) is not None:
                # 'The X offensive was a military operation launched by Y against Z': Y contests X
                # (the holder it names keeps its claim: '... launched by Y to capture the ISIS-held city of X')
                lead = [_claim(doc, sentence, "contested", actor, m, None, "asserted", attribution, 0.75)
                        for actor, m in discourse.lead_bindings(sentence, low, opening, in_actors, in_places)]
                if lead:
                    held = [t.end for t in triggers_here if t.relation == "control" and low[t.start - 1:t.start] == "-"]
                    leaders = {x.actor for x in lead}
                    own = lead + [c for c in own if c.relation == "control" and c.actor not in leaders
                                  and any(0 <= c.place_start - end <= 40 for end in held)]
            waiting = [p for p in pending if p[0].end <= sentence.start]
            pending = [p for p in pending if p[0] is sentence]
            if waiting and not own and not triggers_here:
                place = next((m for m in in_places if m.kind not in REGION_KINDS and id(m) not in containers
                              and reference_kind(low, sentence, m) != "distance"), None)
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
            # long-form: 'clashes in the al-Rasafa district' are a claim on the district, which the
            # gazetteer lacks, not on the city it lies in (the city still is what 'the city' means next)
            parts = set() if short_note else {m.start for m in in_places if part_of_city(m)}
            kept = [c for c in own if c.place_start not in parts] if parts else own
            claims.extend(kept)
            previous = kept
            centres.add(sentence, in_actors, triggers_here)
            last_place = discourse.place_told_about(low, sentence, in_places, own, trigger_at, descriptions,
                                                    containers) or last_place
            for m in in_places:
                if m.kind not in REGION_KINDS and id(m) not in containers and reference_kind(low, sentence, m) is None \
                        and not discourse.named_as_origin(low, sentence, m):
                    count = salience.get(m.place_id, (0, 0, m))[0]
                    salience[m.place_id] = (count + 1, sentence.start, m)
        if short_note and not claims:
            activity = _activity(d)
            if activity is not None:
                claims.append(activity)
        if (outlet := outlet_of(text)) and claims:  # ('BEIRUT (Reuters) - ...': what no one else says, the outlet reports)
            claims = [c if c.attribution else replace(c, attribution=outlet) for c in claims]
        if not self.calibrated:
            return _dedupe(claims)
        return calibrate(_dedupe(claims), {m.place_id: m.kind for m in d.places}, len(text),
                         Counter(m.place_id for m in d.places), Counter(a.actor for a in d.actors))




_UNREAD = object()  # a sentence's value not worked out yet


def _part_taken(low: str, trigger: Trigger, place: Mention, sentence_end: int) -> bool:
    """A capture of a part within the place ('the eastern part of X', 'three districts of X', 'the
    place named before, 'seized the western part of it'), not of what lies around it ('the outskirts
    of X', 'villages near X'): the words between the trigger and the place (or the 40 after the
    trigger when the place was named before it) hold a ``part_within`` cue."""
    end = place.start if place.start >= trigger.end else min(sentence_end, trigger.end + 40)
    return cue("part_within").search(low, trigger.end, end) is not None and cue("part_around").search(low, trigger.end, end) is None
_PASSIVE_GAP = named("passive_gap")


def _counted_near_before(low: str, sentence_start: int, trigger: Trigger, place: Mention) -> bool:
    """'11 villages near Fallujah were recaptured': the place is named, before a passive control
    word, only as what a count of unnamed places lay near."""
    if place.start >= trigger.start or not _PASSIVE_GAP.fullmatch(low, place.end, trigger.start):
        return False
    start = max(sentence_start, place.start - 60)
    return constructions.counted(low, start, place.start) is not None and _NEAR_ONLY.search(low, start, place.start) is not None


_SEQUENCE_GAP = 20  # characters between two changes of hands that are two events ('lost it ... and retook it')


def _told_in_turn(low: str, first: int, then: int) -> bool:
    """Two changes of hands at ``first`` and ``then`` (trigger starts) told one after the other in
    coordinated clauses ('lost it in December and retook it'), not one in a clause that dates the
    other ('lost X less than 48 hours after state media announced its capture')."""
    between = low[first:then]
    return then - first >= _SEQUENCE_GAP and _COORDINATED.search(between) is not None \
        and _DATING.search(between) is None and _NOUN_BEFORE.search(low, max(0, then - 8), then) is None


_COORDINATED = named("coordinated")
_BACKGROUND_BEFORE = named("background_before")
_DATING = named("dating")
_NOUN_BEFORE = named("noun_before")


def _one_per_place(claims: list[Claim], distances: list[int], at: list[int], low: str,
                   means: frozenset[int] = frozenset()) -> list[Claim]:
    """One sentence, one claim per actor and place: a change of hands (lost, control, advance)
    before a fight or a strike, else the relation whose trigger is nearest the place. Changes of
    hands told one after the other ('regained control of X in March, lost it in December and
    retook it') end in the last one; 'lost control of X' is one change, a loss. A route (a
    corridor) is kept beside the other relation at its end, and so is a strike told by its means
    (``means``: where such strike words start) beside the change of hands it led to ('shelled X,
    capturing it': two deeds; 'killing scores' in a fight is no second one), and a fight beside the
    advance or the strike told in a coordinated clause ('reached the town and stormed it')."""
    best: dict[tuple, tuple] = {}
    for i, c in enumerate(claims):
        # (a route cut or opened is a claim of its own beside the fight for its end: 'besieged
        # the city when ISIS severed all routes to the city')
        key = (c.actor, c.place_id, c.to_place_id, c.relation == "corridor",
               _BACKGROUND_BEFORE.search(low, max(0, at[i] - 40), at[i]) is not None)
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
    struck_too: dict[tuple, int] = {}
    for i, c in enumerate(claims):
        key = (c.actor, c.place_id, c.to_place_id, False, False)
        if c.relation == "strike" and at[i] in means and key in best and i not in kept \
                and claims[best[key][2]].relation in ("lost", "control", "advance"):
            struck_too.setdefault(key, i)
    kept |= set(struck_too.values())
    # a move on the place or a strike on it, and a fight for it, told in coordinated clauses are two
    # deeds ('reached the town and stormed it', 'a heavy bombardment of X, followed by a ground
    # offensive'): the fight is kept beside the advance or the strike (not beside a capture, which
    # ends the fight)
    fought_too: dict[tuple, int] = {}
    for i, c in enumerate(claims):
        if c.relation != "contested" or i in kept:
            continue
        key = (c.actor, c.place_id, c.to_place_id, False,
               _BACKGROUND_BEFORE.search(low, max(0, at[i] - 40), at[i]) is not None)
        j = best[key][2] if key in best else -1
        if j >= 0 and claims[j].relation in ("advance", "strike") and _COORDINATED.search(low, min(at[i], at[j]), max(at[i], at[j])) \
                and (key not in fought_too or distances[i] < distances[fought_too[key]]):
            fought_too[key] = i
    kept |= set(fought_too.values())
    # one holder per place: two actors in control of one place in one sentence contradict each
    # other; the trigger nearest the place (its own clause before one behind it) keeps its claim
    # ('remained under ISIS control until May, when the army recaptured it': two times, two holders)
    holder: dict[str, int] = {}
    in_turn: set[int] = set()
    for i in sorted(kept):
        c = claims[i]
        if c.relation == "control":
            j = holder.get(c.place_id)
            if j is not None and _DATING.search(low, min(at[i], at[j]), max(at[i], at[j])):
                in_turn |= {i, j}
            elif j is None or distances[i] < distances[j]:
                holder[c.place_id] = i
    kept = {i for i in kept if claims[i].relation != "control" or holder[claims[i].place_id] == i or i in in_turn}
    # a strike the sentence gives a named actor is not also an unidentified one's ('soldiers were
    # killed ... by shelling whose source is the Kurdish Units')
    # ('ISIL fighters were killed in the battle for X': the deaths are the fight's, no unnamed strike)
    strikes = [i for i in kept if claims[i].relation == "strike"]
    if strikes:
        known = actor_lexicon().actors
        unnamed = {i for i in strikes if claims[i].actor in known and known[claims[i].actor].kind == "unidentified"}
        named = {claims[i].place_id for i in kept if i not in unnamed and claims[i].relation in ("strike", "contested")}
        kept = {i for i in kept if not (i in unnamed and claims[i].place_id in named)}
    return [c for i, c in enumerate(claims) if i in kept]




def _clause_starts(low: str, sentence: Sentence):
    """:func:`start_of_clause` of one sentence, each offset's answer worked out once (a sentence's
    triggers ask it of their own start again and again)."""
    known: dict[int, int] = {}

    def clause_start(at: int) -> int:
        if at not in known:
            known[at] = start_of_clause(low, sentence, at)
        return known[at]
    return clause_start


_INSTRUMENT_BEFORE = named("instrument_before")


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
        relation=relation, place=place.place, stance=stance, attribution=attribution, confidence=confidence,
        to_place=destination.place if destination else None,
        place_start=place.start if place.doc == doc.id and sentence.start <= place.start < sentence.end else -1,
        place_end=place.end if place.doc == doc.id and sentence.start <= place.start < sentence.end else -1,
    )


# what a group does that says nothing of where it acts: speech, opinion, agreement
_NO_ACTIVITY = named("no_activity")
_ACTIVITY_VERB = named("activity_verb")
_LOCATIVE = named("locative")


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
                  and not is_modifier(d.low, a) and not is_object(d.low, a, "presence")]
        if not actors:
            continue
        actor = actors[0]
        verb = _ACTIVITY_VERB.match(d.low, actor.end)
        if verb is None or _NO_ACTIVITY.search(d.low, actor.end, min(sentence.end, verb.end() + 40)):
            continue
        places = [m for m in d.places_in(sentence) if m.start >= verb.end() and m.kind != "country"
                  and _LOCATIVE.search(d.low, max(sentence.start, m.start - 30), m.start)
                  and not src_start <= m.start < src_end and reference_kind(d.low, sentence, m) is None]
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
