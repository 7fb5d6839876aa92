"""Who a trigger's actor is: the rungs of the actor ladder (``geo/data/claims/binding.toml``,
stage ``actor``) and the tests they use (a modifier, an object, a helper, a victim).

Each step reads an :class:`ActorContext` and the record that runs it; it returns ``(actor,
carried)`` when it decides (``actor`` None: nobody the text names acts) or None to let the next
rung try. ``carried``: the actor was carried over from an earlier sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from geo.claims import binding, constructions, discourse
from geo.claims.actors import ActorMention, armed_groups, find_actors
from geo.claims.actors import lexicon as actor_lexicon
from geo.claims.clauses import SHORT_NOTE, start_of_clause
from geo.claims.cues import named
from geo.claims.document import ClaimDocument
from geo.claims.rules import Trigger
from geo.claims.rules import lexicon as rules_lexicon
from geo.claims.verb_subject import verb_subject
from geo.model import Sentence


_PLURAL_SUBJECT = named("plural_subject")


_MODIFIER_AFTER = named("modifier_after")
_ATTRIBUTIVE_BEFORE = named("attributive_before")
_IN_CONTROL_BEFORE = named("in_control_before")


_MODIFIER_BEFORE = named("modifier_before")


_HELPER_BEFORE = named("helper_before")
# 'the army, supported by Russian warplanes and Hezbollah fighters, launched': helpers, every one
_HELPER_PHRASE_BEFORE = named("helper_phrase_before")
_CIVILIAN_SUBJECT = named("civilian_subject")
_AND_THEN_VERB = named("and_then_verb")
_RIGHT_AFTER = re.compile(r"\s*(?:the\s+)?")
_SUBORDINATOR_BEFORE = named("subordinator_before")
_SUBORDINATE = named("dating")


# 'with the International Coalition's support': the actor helps the one that acts
_SUPPORTING_AFTER = named("supporting_after")




_OBJECT_BEFORE = named("object_before")


# 'targeted positions of regime forces', 'killing two members of the SDF': the group whose posts or
# people are named is the target
_TARGET_OF_BEFORE = named("target_of_before")


# the subject of a passive verb of harm is acted upon, whatever word comes later in its clause
_PATIENT_AFTER = named("patient_after")


_CARRIED_BEFORE = named("carried_before")


_VICTIMS_THEN_AGENT = named("victims_then_agent")


_WEAPON_END = named("weapon_end")


# 'a bomber rammed a truck into houses used by Shiite militiamen': 'by' names who did another deed
_OTHER_DEED = named("other_deed")


_PASSIVE_BETWEEN = named("passive_between")
_PROGRESSIVE_BETWEEN = named("progressive_between")


# 'The Lions of the Valley shelled X': a name the actor table lacks acts; it is not unidentified
_NAMED_BEFORE = named("named_before")


# aircraft belong to states: 'warplanes bombed X' with no state named is no unidentified group's strike
_AIRCRAFT = named("aircraft")
_DEFINITE_BEFORE = named("definite_before")


_PRONOUN_SUBJECT = named("pronoun_subject")


# 'They then shelled X', 'The group also captured Y': a subject that refers back
_ANAPHORIC_SUBJECT = named("anaphoric_subject")
_ANAPHOR_OPENS = named("anaphor_opens")  # (where a clause opens: the sentence's start, a comma, 'and')


_SPEAKS_AFTER = named("speaks_after")
_LED_BY_BEFORE = named("led_by_before")
_BROKER_BEFORE = named("broker_before")  # ('a deal brokered by Russia and Turkey': no side of the deeds)


def is_modifier(low: str, actor: ActorMention) -> bool:
    """'US-led', 'backed by the coalition': an actor that qualifies another one ('Turkish troops
    held drills': a plural noun before 'held' is its subject, not a modifier; so is an actor no
    determiner or preposition precedes: 'ISIS held Raqqa', but 'the ISIS held town')."""
    after = _MODIFIER_AFTER.match(low, actor.end, actor.end + 24)
    if after is not None and after.group()[:1].isspace() and (
            _PLURAL_SUBJECT.search(low, actor.start, actor.end)
            or after.group("holding") and not _ATTRIBUTIVE_BEFORE.search(low, max(0, actor.start - 24), actor.start)):
        after = None
    return bool(after or _MODIFIER_BEFORE.search(low, max(0, actor.start - 30), actor.start)
                or _HELPER_PHRASE_BEFORE.search(low, max(0, actor.start - 100), actor.start)
                or _BROKER_BEFORE.search(low, max(0, actor.start - 80), actor.start))


def modifier(d: ClaimDocument, actor: ActorMention) -> bool:
    """:func:`is_modifier`, worked out once per actor of the document (every trigger asks it)."""
    key = ("modifier", actor.start, actor.end)
    if key not in d.roles:  # ('a column led by the Tiger Forces': the leader acts for a head that names no actor)
        led = _LED_BY_BEFORE.search(d.low, max(0, actor.start - 24), actor.start)
        d.roles[key] = is_modifier(d.low, actor) and not (led and not any(0 <= led.start() - a.end <= 2 for a in d.actors))
    return d.roles[key]


def acted_upon(d: ClaimDocument, actor: ActorMention, relation: str) -> bool:
    """:func:`is_object`, worked out once per actor (and whether the relation is a fight)."""
    key = ("object", actor.start, actor.end, relation == "contested")
    return d.roles[key] if key in d.roles else d.roles.setdefault(key, is_object(d.low, actor, relation))


def is_helper(low: str, actor: ActorMention) -> bool:
    """'with the International Coalition's support', 'with support from Russian artillery': an actor
    that helps the one that acts (when the clause names that one too)."""
    return bool(_HELPER_BEFORE.search(low, max(0, actor.start - 64), actor.start)
                or (_SUPPORTING_AFTER.match(low, actor.end)
                    and re.search(r"\bwith\s+(?:the\s+)?\S*\s*$", low[max(0, actor.start - 16):actor.start])))


def _victims_then_agent(low: str, trigger: Trigger, actor: ActorMention) -> bool:
    """'killed 20 civilians in Russian air strikes', 'was shot by a regime sniper': the deed's
    doer after the victims ('a guard working in QSD offices' names no doer)."""
    gap = _VICTIMS_THEN_AGENT.fullmatch(low, trigger.end, actor.start)
    return gap is not None and (gap.group("word") == "by" or _WEAPON_END.search(low, actor.start, actor.end) is not None)


def is_object(low: str, actor: ActorMention, relation: str) -> bool:
    """'expel the ISIS militants', 'fighting Isis', 'two policemen were killed (in a blast)': an
    actor acted upon. (Those killed in clashes still fought in them: a side of the fight.)"""
    return bool(_OBJECT_BEFORE.search(low, max(0, actor.start - 40), actor.start)) or \
        relation != "contested" and (bool(_TARGET_OF_BEFORE.search(low, max(0, actor.start - 30), actor.start))
                                     or bool(_PATIENT_AFTER.match(low, actor.end)))



@dataclass
class ActorContext:
    d: ClaimDocument
    sentence: Sentence
    trigger: Trigger
    in_actors: list[ActorMention]
    last_actor: str | None
    unattributed: bool = True  # an unnamed doer may be the trigger's default ('an IED exploded')
    claimant: str | None = None  # the group a short note says claimed the attack
    centres: "Centres | None" = None  # the subjects of the sentences so far ('they' refers back to them)

    @property
    def low(self) -> str:
        return self.d.low

    @cached_property
    def clause_start(self) -> int:
        return start_of_clause(self.low, self.sentence, self.trigger.start)

    @cached_property
    def before(self) -> list[ActorMention]:
        """The actors before the trigger, less the subject of a passive ('Mosul was captured')."""
        low, trigger = self.low, self.trigger
        return [a for a in self.in_actors if a.start < trigger.start
                and not (trigger.relation in ("strike", "control") and _PASSIVE_BETWEEN.fullmatch(low, a.end, trigger.start)
                         and not _PROGRESSIVE_BETWEEN.fullmatch(low, a.end, trigger.end)  # ('has been shelling')
                         and not low.startswith(("in ", "in\n"), trigger.start)  # ('the rebels were in control of X')
                         and not _IN_CONTROL_BEFORE.search(low, a.end, trigger.start))]  # ('were in full control of X')

    @cached_property
    def subjects(self) -> list[ActorMention]:
        """The actors before the trigger that may be its subject: no modifier, object or speaker
        ('Turkey condemned the attack on X' did not attack), helpers only when nobody else is."""
        low = self.low
        subjects = [a for a in self.before if not modifier(self.d, a) and not acted_upon(self.d, a, self.trigger.relation)
                    and not _SPEAKS_AFTER.match(low, a.end)]
        return [a for a in subjects if not is_helper(low, a)] or subjects


def choose(ctx: ActorContext) -> tuple[str | None, bool]:
    """The trigger's actor: the first rung of the ladder that decides."""
    for rule in binding.records("actor", STEPS, NEEDS_PATTERN):
        found = STEPS[rule.step](ctx, rule)
        if found is not None:
            return found
    return None, False


def corridor_mover(ctx, rule):
    """'convoys carrying ISIS fighters left X': the armed group that goes (named before the word, else the nearest)."""
    if ctx.trigger.relation != "corridor" or ctx.trigger.route:
        return None  # (a route cut or opened: whoever's clause it is, 'the army took X, opening the road')
    groups = armed_groups()
    armed = [a for a in ctx.in_actors if a.actor in groups
             and not _CARRIED_BEFORE.search(ctx.low, max(0, a.start - 40), a.start)]
    if not armed:
        return None
    before = [a for a in armed if a.end <= ctx.trigger.start]
    return (before[-1] if before else min(armed, key=lambda a: abs(a.start - ctx.trigger.start))).actor, False


def found_dead(ctx, rule):
    """'police found the body of a man killed by ISIS': the killer after 'by', or unknown."""
    trigger, low = ctx.trigger, ctx.low
    if not trigger.found_dead:
        return None
    by = [a for a in ctx.in_actors if a.start >= trigger.end and re.search(r"\bby\s+(?:the\s+|an?\s+)?$", low[max(0, a.start - 12):a.start])]
    return (by[0].actor if by else ctx.claimant or trigger.unattributed), False


def actor_after(ctx, rule):
    """'controlled by ISIL', 'pockets of ISIL': the trigger's actor follows it; after a verb of
    verb-subject order ('قصفت القوات التركية قرية ...'): the actor right after it is its subject."""
    trigger = ctx.trigger
    if trigger.subject_after:
        return verb_subject(ctx.low, ctx.in_actors, trigger)
    if not trigger.actor_after:
        return None
    after = [a for a in ctx.in_actors if a.start >= trigger.end]
    # ('falls to US-backed SDF': the SDF; 'held by ISIL, which had taken it from rebel groups': ISIL,
    # the name right after the trigger, though 'held by' before it reads as a modifier's words)
    after = [a for a in after if not modifier(ctx.d, a) or _RIGHT_AFTER.fullmatch(ctx.low, trigger.end, a.start)
             and not _MODIFIER_AFTER.match(ctx.low, a.end, a.end + 24)] or after
    if after:
        return (after[-1] if trigger.relation == "control" and not trigger.place_before else after[0]).actor, False
    if ctx.low.endswith("by", trigger.start, trigger.end):
        return None, False  # 'held by anti-government fighters': a holder we cannot name
    return None


def fronted_subject(ctx, rule):
    """'After liberating Hit, Iraqi forces moved on': the subject after the comma."""
    low, trigger, sentence = ctx.low, ctx.trigger, ctx.sentence
    if not constructions.fronted(low, sentence.start, trigger.start):
        return None
    comma = low.find(",", trigger.end, sentence.end)
    subject = next((a for a in ctx.in_actors if comma >= 0 and a.start > comma), None)
    return (subject.actor, False) if subject is not None else None


def held_adjective(ctx, rule):
    """'ISIS-held', 'Kurdish-held': the word before the hyphen is the holder, or nobody we know."""
    trigger = ctx.trigger
    if trigger.relation != "control" or ctx.low[trigger.start - 1:trigger.start] != "-":
        return None
    glued = [a for a in ctx.in_actors if a.end == trigger.start - 1]
    if glued:
        return glued[0].actor, False
    word = ctx.low[max(0, trigger.start - 16):trigger.start - 1].split()[-1:]
    if word:
        # 'government-held': the government of the country the document's places lie in; 'Kurdish-held':
        # that country's Kurdish forces (a demonym's forces; not 'anti-government-held')
        countries = Counter(m.country for m in ctx.d.places if m.country)
        home = countries.most_common(1)[0][0] if countries else None
        found = find_actors(word[0] + " forces", country=home)
        return (found[0].actor if found and found[0].start == 0 else None), False
    return None, False


def holder_word(ctx, rule):
    """'Israeli strikes hit X', 'a US military patrol': an actor's name that holds the trigger word."""
    trigger = ctx.trigger
    holder = next((a for a in ctx.in_actors if a.start < trigger.start and trigger.end <= a.end), None)
    return (holder.actor, False) if holder is not None else None


def noun_owner(ctx, rule):
    """'repelled a government assault on X', 'the army's offensive': an actor's name right before an
    event noun owns the deed (the pattern reads the words from the name's end to the trigger's end)."""
    trigger = ctx.trigger
    if trigger.relation != "contested":
        return None
    owner = next((a for a in reversed(ctx.in_actors) if a.end <= trigger.start), None)
    if owner is None or trigger.start - owner.end > 24 or not rule.pattern.fullmatch(ctx.low, owner.end, trigger.end):
        return None
    return owner.actor, False


def parse_roles(ctx, rule):
    """With a dependency parse: its subject or agent acts ('Mosul was captured by Iraqi troops');
    its objects and the quoted source are no candidates for the rungs below."""
    parsed = ctx.d.parses.get(ctx.sentence.start)
    if parsed is None:
        return None
    trigger = ctx.trigger
    roles = parsed.roles(trigger.start, trigger.end)
    if roles is None:
        return None
    role = {id(a): parsed.role_of(roles, a.start, a.end, trigger.start, trigger.end) for a in ctx.in_actors}
    agents = [a for a in ctx.in_actors if role[id(a)] == "agent"]
    if agents:
        before_agents = [a for a in agents if a.start < trigger.start]
        return (before_agents[-1] if before_agents else agents[0]).actor, False
    ctx.in_actors = [a for a in ctx.in_actors if role[id(a)] not in ("patient", "source")]
    for name in ("before", "subjects"):
        ctx.__dict__.pop(name, None)
    return None


def agent_after(ctx, rule):
    """'repelled an attack by Turkish-backed factions on X', 'killed in Russian air strikes': the
    agent right after the trigger is its actor, whoever the clause's subject is."""
    trigger, low = ctx.trigger, ctx.low
    agent = next((a for a in ctx.in_actors if a.start >= trigger.end and (
        rule.pattern.fullmatch(low, trigger.end, a.start)
        or trigger.victims and _victims_then_agent(low, trigger, a))), None)
    return (agent.actor, False) if agent is not None else None


def relative_subject(ctx, rule):
    """'the Syrian Arab Army ... who have advanced': the actor the relative pronoun stands for."""
    trigger = ctx.trigger
    if ctx.before and rule.pattern.search(ctx.low, max(0, trigger.start - 25), trigger.start):
        if discourse.place_taken_in_passive(ctx.low, ctx.sentence, trigger, ctx.d.places_in(ctx.sentence)):
            # ('fighters fled to X, a small town that was recaptured': by the side the text follows that did not flee)
            named = {a.actor for a in ctx.subjects}
            return next(((c, True) for c in (ctx.centres.now() if ctx.centres else ()) if c not in named), (None, False))
        return ctx.before[-1].actor, False
    return None


def anaphor_before(ctx) -> tuple[int, int, bool] | None:
    """The subject of the trigger's clause when it refers back ('They then shelled X', 'The group
    also captured Y', '..., reportedly capturing both' after such a subject): the last one before
    the trigger with no subject named between it and the trigger, as (start, end, a group word)."""
    trigger = ctx.trigger
    found = last_anaphor(ctx.d, ctx.sentence, trigger.start)
    if found is None or any(found[1] <= a.start < trigger.start for a in ctx.subjects):
        return None
    return found


def last_anaphor(d: ClaimDocument, sentence: Sentence, end: int) -> tuple[int, int, bool] | None:
    """The last subject that refers back in the sentence before ``end`` (the sentence's are found
    once: the pattern's '^' is the sentence's start)."""
    found = d.anaphors.get(sentence.start)
    if found is None:
        text = d.low[sentence.start:sentence.end]
        found = d.anaphors[sentence.start] = [
            (sentence.start + m.start("anaphor"), sentence.start + m.end(), m.group("group") is not None)
            for m in _ANAPHORIC_SUBJECT.finditer(text) if _ANAPHOR_OPENS.search(text, max(0, m.start() - 40), m.start())]
    return next((a for a in reversed(found) if a[1] <= end), None)


def antecedent(centres: tuple[str, ...], group_word: bool) -> str | None:
    """The actor a subject that refers back stands for: the latest subject the text followed
    (for 'the group', 'the militants': the latest that is a non-state armed group)."""
    if group_word:
        kinds = actor_lexicon().actors
        return next((c for c in centres if c in kinds and kinds[c].kind == "armed group"), None)
    return centres[0] if centres else None


def anaphoric_subject(ctx, rule):
    """'ISIL continued its offensive. They then shelled X, reportedly capturing it': the subject
    the text has been following acts, not the actor it named last."""
    found = anaphor_before(ctx)
    if found is None:
        return None
    # ('The Kurds took up new positions after they pulled out of X': the main clause's subject)
    if _SUBORDINATOR_BEFORE.search(ctx.low, max(ctx.sentence.start, found[0] - 12), found[0]):
        main = [a.actor for a in ctx.subjects if a.end <= found[0]]
        kinds = actor_lexicon().actors
        main = [a for a in main if not found[2] or a in kinds and kinds[a].kind == "armed group"]
        if main:
            return main[0], False
    actor = antecedent(ctx.centres.now() if ctx.centres is not None else (), found[2])
    return (actor, True) if actor is not None else None


def participle_subject(ctx, rule):
    """'..., regaining control over X', 'took X after ISIL withdrew, and then pushed on to Y': the
    main clause's subject (the sentence's first) for a participle or a verb whose subject is left out."""
    low, trigger, subjects = ctx.low, ctx.trigger, ctx.subjects
    if subjects and constructions.participle(low, ctx.sentence.start, trigger.start, trigger.end):
        return subjects[0].actor, False
    # ('... after ISIL withdrew, and then pushed on': the nearest subject is a subordinate clause's)
    if len(subjects) > 1 and _AND_THEN_VERB.search(low, max(ctx.sentence.start, trigger.start - 30), trigger.start) \
            and _SUBORDINATE.search(low, subjects[0].end, subjects[-1].start):
        return subjects[0].actor, False
    return None


def clause_subject(ctx, rule):
    """The nearest subject before the trigger, in its clause first; nobody when its own clause's
    subject is civilians ('..., while displaced people from the town reached X')."""
    subjects = ctx.subjects
    in_clause = [a for a in subjects if a.start >= ctx.clause_start]
    if not in_clause and ctx.clause_start > ctx.sentence.start \
            and _CIVILIAN_SUBJECT.search(ctx.low, ctx.clause_start, ctx.trigger.start):
        return None, False
    if in_clause or subjects:
        return (in_clause or subjects)[-1].actor, False
    return None


def between_agent(ctx, rule):
    """'clashes between X and Y in Z', 'an airstrike by Russian jets on Z'."""
    trigger, low = ctx.trigger, ctx.low
    after = [a for a in ctx.in_actors if a.start >= trigger.end and a.start - trigger.end < 60]
    if after and (link := rule.pattern.search(low, max(trigger.end, after[0].start - 30), after[0].start)) \
            and not _OTHER_DEED.search(low, trigger.end, link.start()):
        return after[0].actor, False
    return None


def carried_trigger(ctx, rule):
    """'Regime forces pounded X. Shelling also hit Y': the last actor goes on."""
    if ctx.trigger.carried and ctx.last_actor is not None and not ctx.before:
        return ctx.last_actor, True
    return None


def unattributed(ctx, rule):
    """'an IED exploded in X', 'mortar rounds hit a market in X': whoever fired is unknown (but
    'They shelled X' goes on with the actor named before); 'Warplanes bombed X': some state's
    aircraft, not a ground group (in long-form, the state whose campaign the text follows)."""
    d, low, trigger = ctx.d, ctx.low, ctx.trigger
    clause_start, sentence = ctx.clause_start, ctx.sentence
    if not (ctx.unattributed and not ctx.subjects and not _PRONOUN_SUBJECT.search(low, clause_start, trigger.start)
            and not _NAMED_BEFORE.search(d.text, max(clause_start, trigger.start - 60), trigger.start)):
        return None
    air = _AIRCRAFT.search(low, clause_start, min(sentence.end, trigger.end + 40)) if trigger.relation == "strike" else None
    if ctx.claimant is None and air is not None:
        # ('the jets also hit X': a definite air noun is the aircraft named before, in a note too)
        referred = len(d.text) > SHORT_NOTE or _DEFINITE_BEFORE.search(low, max(0, air.start() - 8), air.start())
        if referred and ctx.last_actor is not None and discourse.flies(ctx.last_actor):
            return ctx.last_actor, True
        if rules_lexicon().air is not None:
            return rules_lexicon().air, False
    elif trigger.unattributed:
        return ctx.claimant or trigger.unattributed, False
    return None


def objects_only(ctx, rule):
    """Every actor before is an object ('killed three PKK militants'): nobody acts here."""
    return (None, False) if ctx.before else None


def last_actor(ctx, rule):
    """Nobody named: the document's last actor goes on, with a lower confidence."""
    return (ctx.last_actor, True) if ctx.last_actor is not None else None


STEPS = {"corridor-mover": corridor_mover, "found-dead": found_dead, "actor-after": actor_after,
         "fronted-subject": fronted_subject, "held-adjective": held_adjective, "holder-word": holder_word, "noun-owner": noun_owner,
         "parse-roles": parse_roles, "agent-after": agent_after, "relative-subject": relative_subject,
         "anaphoric-subject": anaphoric_subject, "participle-subject": participle_subject, "clause-subject": clause_subject, "between-agent": between_agent,
         "carried-trigger": carried_trigger, "unattributed": unattributed, "objects-only": objects_only,
         "last-actor": last_actor}
NEEDS_PATTERN = {"agent-after", "relative-subject", "between-agent", "noun-owner"}
