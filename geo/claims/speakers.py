"""Who speaks in each sentence: the source of its claims, and whether that source is also their doer.

A sentence's source is the one :func:`geo.claims.stance.attribution_span` reads ('according to
SOHR', '..., the coalition said', 'Iraqi police officials said'); a party that speaks does so under
its actor's name ('Government forces said': Syrian government), a state's office and an outlet
keep their words. With none of its own, a sentence goes on with the previous one's source when it
opens by saying so ('It said ...') or goes on quoting in the same paragraph ('"They fled," he
added'), and a party that claims its own deed is its source ('Iraqi forces have claimed control
of X'). A source is never the doer of what it reports unless it speaks of itself ('The SDF said it
had captured X', '"We have entered X," said a spokesman for Y') or declares a deed with no agent
('the Iraqi Prime Minister declared that X had been liberated', 'Iraqi officials said they had
reached X': the state's forces did it).

>>> from geo.claims.annotate import annotate
>>> from geo.model import Document
>>> d = annotate(Document("d", "SOHR said the army took Saraqib. It said 20 fighters died."), [])
>>> speakers = Speakers(d)
>>> [speakers.of(s, d.actors_in(s), True).attribution for s in d.sentences]
['SOHR', 'SOHR']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geo.claims.actors import ActorMention
from geo.claims.cues import named
from geo.claims.document import ClaimDocument
from geo.claims.rules import lexicon as rules_lexicon
from geo.claims.stance import attribution_span, office_side, short_source
from geo.model import Sentence

__all__ = ["Speech", "Speakers"]

# a sentence that opens with the previous source speaking again
_SAYS_AGAIN = named("says_again")
_BACKER_BEFORE = named("backer_before")
_APPOSED = re.compile(r",\s+[^,.;]{2,60},")
# the same speaker goes on: a sentence that opens a quotation, or '..., he added'
_FIRST_PERSON = named("first_person")
_QUOTE_OPENS = named("quote_opens")
_HE_ADDED = named("he_added")
# a party that claims its own deed is its source ('Iraqi forces have claimed control of Kirkuk')
_SELF_CLAIM = named("self_claim")
# 'The SDF said it had ...', 'the army announced that its forces ...': the speaker is the subject
_OF_ITSELF = named("of_itself")
_PASSIVE_DEED = named("passive_deed_after")


@dataclass(frozen=True)
class Speech:
    """The source of one sentence's claims: its words in the document (``start`` -1 when the
    sentence names none), its short name (``attribution``, '' for none), whether it speaks of its
    own deed (``of_itself``: it may be the doer) and the doer it makes (``speaker``), if any."""

    start: int
    end: int
    attribution: str
    of_itself: bool = False
    speaker: str | None = None

    def holds(self, at: int) -> bool:
        """Whether the character at ``at`` lies in the source's own words."""
        return self.start <= at < self.end


class Speakers:
    """Reads the speaker of each sentence of a document, in order (a paragraph goes on quoting)."""

    def __init__(self, d: ClaimDocument) -> None:
        self.d = d
        self.quoted = ""  # the previous sentence's source
        self.previous_end = 0

    def of(self, sentence: Sentence, actors_here: list[ActorMention], needed: bool) -> Speech:
        """The sentence's :class:`Speech` (``needed``: whether anything will read it; when not, the
        sentence's own words are not searched, the previous source still carries over)."""
        text, low, lo = self.d.text, self.d.low, sentence.start
        src_start, src_end, attribution = attribution_span(sentence, low, actors_here) if needed else (-1, -1, "")
        backer = _BACKER_BEFORE.search(low, max(lo, src_start - 20), src_start) if src_end > src_start else None
        backed = next((a for a in reversed(actors_here) if a.end <= backer.start()), None) if backer else None
        if backed is not None:
            # 'Syrian rebels backed by the Turkish military said ...': the backed side speaks
            src_start, attribution = backed.start, backed.actor
        elif src_end > src_start and attribution not in rules_lexicon().source_names \
                and office_side(low[src_start:src_end]) is None:
            # 'The Popular Mobilization Forces declared', 'Government forces said': the party speaks, under
            # its actor's name ('Iraqi police officials said', 'the Iraqi Prime Minister' keep their words)
            attribution = next((a.actor for a in actors_here if src_start <= a.start < src_end <= a.end), attribution)
        quoted = self.quoted
        if not attribution and quoted and _SAYS_AGAIN.match(low, lo):
            attribution = quoted  # 'SOHR said ... . It said 20 civilians were killed': still SOHR
        elif not attribution and quoted and "\n\n" not in text[self.previous_end:lo] and (
                _QUOTE_OPENS.match(text, lo) or _HE_ADDED.search(low, lo, sentence.end)):
            attribution = quoted  # the same paragraph goes on quoting: '"They fled," he added.'
        if not attribution and (own_word := next((a for a in actors_here if _SELF_CLAIM.match(low, a.end)), None)):
            attribution = short_source(text[own_word.start:own_word.end])  # 'Iraqi forces have claimed control of X'
        self.quoted, self.previous_end = attribution, sentence.end
        if src_end <= src_start:
            return Speech(src_start, src_end, attribution)
        # '"We have entered X," said a spokesman for Y': Y speaks of itself, and acts
        we_speak = _QUOTE_OPENS.match(text, lo) is not None and _FIRST_PERSON.search(low, lo, src_start) is not None
        # ('The SDF, backed by the coalition, said they had ...': the words after the apposition)
        apposed = _APPOSED.match(low, src_end)
        said_at = apposed.end() if apposed else src_end
        passive_deed = _PASSIVE_DEED.match(low, said_at) is not None
        of_itself = (_OF_ITSELF.match(low, said_at) is not None or we_speak or passive_deed
                     or _SELF_CLAIM.match(low, said_at) is not None)
        speaker = next((a.actor for a in actors_here if src_start <= a.start < src_end), None) if we_speak else None
        unnamed = not any(src_start <= a.start < src_end for a in actors_here)  # (no party's name: an office)
        if (passive_deed or of_itself and unnamed) and not we_speak:
            # 'the Iraqi Prime Minister declared that X had been liberated', 'Iraqi officials stated that
            # they had reached X': the state's forces did it
            speaker = office_side(low[src_start:src_end]) or speaker
        return Speech(src_start, src_end, attribution, of_itself, speaker)
