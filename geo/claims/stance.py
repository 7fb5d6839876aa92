"""How a sentence states a claim (asserted, alleged, denied, disputed) and whom it quotes.

>>> attribution_of(Sentence("d", 0, 60, "The SDF took Tabqa, the Syrian Observatory for Human Rights said."))
'SOHR'
>>> attribution_of(Sentence("d", 0, 50, "As reported on 1 May, ISIS shelled the town."))
''
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from geo.casefold import fold
from geo.claims.actors import ActorMention
from geo.claims.actors import lexicon as actor_lexicon
from geo.claims.cues import named
from geo.claims.rules import cue, lexicon
from geo.geoparse.context import DATELINE_WITHIN
from geo.knowledge import alternation, weekdays
from geo.knowledge.pattern_start import led_by_first_characters
from geo.model import Sentence

# (A look-ahead on the first letters lets the regex engine skip to where a match can start.)
# the verbs of speech after a speaker's name
_SPEECH_VERB = r"(?:said|says|say|reported|reports|claimed|announced|declared|told|denie[sd]|confirmed|stated|documented|recorded)"
# a capitalised word of a name, with the particles of Arabic names ('Haider al-Abadi', 'Jabhat Thuwar al-Raqqa')
_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|at|az|an)-|(?:bin|ibn)\s+)?[A-Z][\w’'.-]*+"
# when, between the speaker and the verb ('The SDF on Wednesday denied', 'the army late on 3 May said')
_WHEN = (r"(?:\s+(?:(?:late|early|earlier|later)\s+)?on\s+(?:" + alternation(weekdays())
         + r"|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})(?:\s+(?:night|morning|evening))?)?")
# the nouns of people and bodies that speak ('a spokesman', 'local officials', 'the ministry')
_SPEAKER_NOUN = (r"(?:spokes(?:man|woman|person)|speaker|commanders?|witness(?:es)?|officials?|sources?|representatives?"
                 r"|ministry|media|monitor|police|officers?|medics|doctors?|army|military|members?|governor|mayor|chief"
                 r"|residents?|activists?|lawmakers?|government|command|service|agency|observatory|reporters?|correspondents?|outlet"
                 r"|media\s+(?:unit|office|cent(?:re|er)|wing))")
# a plural of people who speak as a group, with no determiner ('..., activists and residents said')
_SPEAKING_GROUP = r"(?:activists|residents|witnesses|medics|doctors|rescuers|monitors)"
_ATTRIBUTION = (
    re.compile(r"(?=a)\baccording\s+to\s+(?P<src>(?:the\s+)?[^,.;:]{2,60}?)(?=[,.;:]|\s+(?:a|the)\s|$)"),
    # the agent of a passive verb of speech ('it was reported by SANA that', 'was described by Pentagon
    # spokesman Eric Pahon as')
    re.compile(r"(?=[wib])\b(?:was|were|is|are|been|being)\s+(?:described|reported|quoted)\s+by\s+"
               r"(?P<src>(?:the\s+)?[^,.;:]{2,60}?)(?=[,.;:]|\s+(?:as|that|to|on|in|at)\s|$)"),
    # ('Brigadier General Yahya Rasool, spokesman for the Joint Operations Command, said': the organisation speaks)
    re.compile(r"(?=[A-Z])(?<![\w’'.-])" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,5},\s+(?:an?\s+|the\s+)?"
               r"(?:spokes(?:man|woman|person)|commander|official|head|leader|member|chief|director)\s+(?:for|of)\s+"
               r"(?P<src>(?:the\s+)?[A-Z][^,.;]{2,60}?),\s+(?:(?:has|have|had|also|later)\s+)*"
               r"(?:said|says|stated|announced|told|declared|confirmed|claimed|reported)\b"),
    # a name of up to seven capitalised words (taken whole: only the whole name can be followed
    # by the verb, so the atomic group spares the backtracking), or 'the ... spokesman of ...'
    re.compile(r"(?=[A-Ztaslogprbiewmdc])(?<![\w’'.-])(?P<src>(?:(?:the|an?)\s+)?" + _NAME_WORD
               + r"(?>(?:\s+(?:(?:for|of|the|and)\s+)*" + _NAME_WORD + r"){0,6})(?:\s+\([A-Z]+\))?"
               r"|(?:(?:the|an?|The|An?)\s+|[A-Z][\w’'-]*\s+|(?<![\w-])(?=(?:local|some|several|other|opposition|rebel|kurdish|military|security|government|state)\s))(?:[\w’'-]+\s+){0,3}"
               # ('SDF spokeswoman Jihan Sheikh Ahmed announced': the speaker's title, then the name)
               + _SPEAKER_NOUN + r"(?:\s+(?:" + _NAME_WORD + r"\s+){0,3}" + _NAME_WORD + r")?"
               r"(?:\s+(?:of|for)\s+(?:the\s+)?[\w ]{2,40}?)?(?:,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3},)?"
               r"|(?<=[,;:]\s)" + _SPEAKING_GROUP + r"(?:\s+and\s+(?:local\s+)?" + _SPEAKING_GROUP + r")?"
               r"|(?:state|official|local|government|opposition|pro-government|regime)\s+(?:media|television|tv|news\s+agenc(?:y|ies)))"
               # ('The Syrian Observatory for Human Rights, a Britain-based war monitor, said')
               # ('Al Jazeera's correspondent, reporting from near Kirkuk, said', 'The SDF, backed by the coalition, said')
               r"(?:,\s+(?:an?|the|who|which|\w+ing|\w+ed\s+by)\s+[^,.;]{2,60},)?" + _WHEN
               + r"\s+(?:(?:has|have|had|also|later|subsequently|meanwhile|then|further|again)\s+)*" + _SPEECH_VERB + r"\b"),
    # ('..., said Naji Mustafa, spokesman for the National Liberation Front': the organisation speaks)
    re.compile(r"[,.!?]?[\"”’]?\s*(?<=[,\"”’])\s*(?:said|says|reported|announced|added|stated)\s+(?:[A-Z][^,.;:]{2,60}?,\s+(?:an?\s+|the\s+)?"
               r"(?:spokes(?:man|woman|person)|commander|official|head|leader|member)\s+(?:for|of)\s+)?"
               r"(?P<src>(?:the\s+)?[A-Z][^,.;:]{2,60}?)(?=[,.;:]|$)"),
)
_APPOSED_NAME = re.compile(r",\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3},$")
# ('SDF spokeswoman Jihan Sheikh Ahmed': the title's body speaks, not the person)
_TITLE_NAME = re.compile(r"\b(" + _SPEAKER_NOUN + r")\s+(?:" + _NAME_WORD + r"\s+){0,3}" + _NAME_WORD + r"(?=\s+(?:of|for)\s|$)")
# a headline's source before a colon: 'Iraqi police official: Bomb in Baghdad kills 13'
_HEADER_SOURCE = re.compile(r"\s*(?P<src>[A-Z][^:.;]{2,50}?\b(?:officials?|sources?|police|ministry|spokes(?:man|woman|person)|"
                            r"media|monitor|command|army|military|government))\s*:\s")
# the source phrases of another language's reporting, as data ('بحسب المرصد السوري', 'أفادت سانا
# بأن'): tried when the English patterns find none; group `src` is the source
_SOURCE_PHRASE = named("source_phrase")
# an actor's name, then the verb of speech ('Syrian rebels said on Thursday'): the party speaks,
# unless the name is an object ('fighting against the SDF, said ...')
_PARTY_SPEAKS_AFTER = named("party_speaks_after")
_SPEAKER_OBJECT_BEFORE = named("speaker_object_before")
# a speaker that is a state's office ('the Iraqi Prime Minister'): group demonym
_STATE_OFFICE = named("state_office")
# the outlet a wire story's dateline names ('BEIRUT (Reuters) - ', 'Aleppo, SANA - ')
_DATELINE_OUTLET = named("dateline_outlet")
_DATELINE_LINES = 3  # the first lines of a document where a dateline stands (within DATELINE_WITHIN characters)
# a necessary condition of _ATTRIBUTION[2:] (case-sensitive, like them)
_ATTRIBUTION_VERB = led_by_first_characters(re.compile(
    r"\b" + _SPEECH_VERB + r"\b"))


def body_stance(low: str, sentence: Sentence) -> str:
    """The stance the words of a whole sentence give (the same for every trigger in it); ``low``
    is the document's lower-cased text."""
    lo, hi = sentence.start, sentence.end
    for kind in ("denied", "disputed", "alleged"):
        if cue(kind).search(low, lo, hi):
            return kind
    return "asserted"


def negated(low: str, sentence: Sentence, trigger_start: int) -> bool:
    """'no coalition air strikes', 'did not capture': a negation just before the trigger."""
    return cue("negation").search(low, max(sentence.start, trigger_start - 30), trigger_start) is not None


def attribution_span(sentence: Sentence, low: str | None = None,
                     actors: Sequence[ActorMention] = ()) -> tuple[int, int, str]:
    """(start, end) in the document of the source a sentence quotes, and its short name;
    (-1, -1, '') when it quotes none. ``low``: the document's lower-cased text if the caller has it;
    ``actors``: the sentence's actor names, one of which may be the speaker when no pattern finds one
    ('Syrian rebels said ...': its actor's name)."""
    body = sentence.text
    lex = lexicon()
    header = _HEADER_SOURCE.match(body)
    if header is not None and not _no_source(header.group("src"), lex.not_sources):
        return sentence.start + header.start("src"), sentence.start + header.end("src"), short_source(header.group("src"))
    verb = _ATTRIBUTION_VERB.search(body) is not None
    # patterns 1 and 2 are case-blind (run on the lower-cased copy); the others read capitals and need a verb
    folded = low[sentence.start:sentence.end] if low is not None else fold(body)
    for pattern, haystack, needs_verb in zip(_ATTRIBUTION, (folded, folded, body, body, body), (False, False, True, True, True)):
        if needs_verb and not verb:  # skip their costly scan
            continue
        at = 0
        while (match := pattern.search(haystack, at)) is not None:
            source = " ".join(body[match.start("src"):match.end("src")].split())
            source = _APPOSED_NAME.sub("", source)  # ('The speaker of the army, Qasim Atta,': the army's speaker)
            source = _TITLE_NAME.sub(r"\1", source)
            if _no_source(source, lex.not_sources):
                # ('Later the ministry announced': the match that starts at the next word may hold)
                at = match.start("src") + 1
                continue
            return sentence.start + match.start("src"), sentence.start + match.end("src"), short_source(source)
    for match in _SOURCE_PHRASE.finditer(folded):
        source = " ".join(body[match.start("src"):match.end("src")].split())
        if not _no_source(source, lex.not_sources):
            return sentence.start + match.start("src"), sentence.start + match.end("src"), short_source(source)
    if actors and verb:
        return speaking_actor(low if low is not None else fold(sentence.text), sentence, actors,
                              0 if low is not None else sentence.start)
    return -1, -1, ""


def speaking_actor(low: str, sentence: Sentence, actors: Sequence[ActorMention], offset: int = 0) -> tuple[int, int, str]:
    """The first actor of the sentence that speaks ('Syrian rebels said on Thursday they ...',
    '..., the coalition said'): the (start, end) of its words up to the verb and its short name
    (a source's the lexicon knows, else its actor's name); (-1, -1, '') when none does.
    ``low`` is lower-cased text that starts ``offset`` characters into the document."""
    for a in actors:
        speaks = _PARTY_SPEAKS_AFTER.match(low, a.end - offset)
        if speaks is not None and _SPEAKER_OBJECT_BEFORE.search(
                low, max(sentence.start, a.start - 20) - offset, a.start - offset) is None:
            # (the span runs to the verb: an apposition, a relative clause or a day between are the speaker's)
            # ('the coalition' is a source's name; 'Syrian rebels' speak as Rebels; 'the Iraqi prime minister',
            # a state's office, keeps its words)
            known = short_source(a.surface)
            keeps_words = known in lexicon().source_names or office_side(a.surface.lower()) is not None
            return a.start, speaks.start("verb") + offset, known if keeps_words else a.actor
    return -1, -1, ""


def office_side(low_source: str) -> str | None:
    """The state whose office the (lower-cased) words of a source name ('the iraqi prime minister' ->
    'Iraqi forces', 'syrian officials' -> 'Syrian government'); None for any other source."""
    office = _STATE_OFFICE.match(low_source.strip())
    if office is None:
        return None
    actors = actor_lexicon()
    side = actors.demonyms.get(office.group("demonym"))
    return side if side is not None and actors.actors[side].kind == "state" else None


def outlet_of(text: str) -> str:
    """The outlet a wire story's dateline names, as a short name ('BEIRUT (Reuters) - ...' ->
    'Reuters'; 'Aleppo, SANA - ...' -> 'SANA'); '' when its first lines hold no dateline. Every
    claim of the story that names no other source is the outlet's own report.

    >>> outlet_of("Army retakes town\\n\\nHOMS, Syria (Reuters) - The army took the town."), outlet_of("ISIS took it.")
    ('Reuters', '')
    """
    lines = [line for line in text[:DATELINE_WITHIN].split("\n") if line.strip()]
    for line in lines[:_DATELINE_LINES]:
        match = _DATELINE_OUTLET.match(line)
        if match is None:
            continue
        known = short_source(match.group("src") or match.group("src2"))
        # ('Deir Ezzor, SANA - ': after a comma only a short name the lexicon knows)
        if match.group("src") or known in lexicon().source_names:
            return known
    return ""


def attribution_of(sentence: Sentence) -> str:
    """Who the sentence says it is quoting, as a short name ('SOHR', 'SANA', 'AFP')."""
    return attribution_span(sentence)[2]


def _no_source(source: str, not_sources: frozenset[str]) -> bool:
    words = source.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return not words or words[0] in not_sources


def short_source(source: str) -> str:
    """A source's short name from the data file ('the Syrian Observatory for Human Rights' -> 'SOHR')."""
    for name, pattern in lexicon().sources:
        if pattern.search(source):
            return name
    source = re.sub(r"^(?:an?)\s+", "the ", source)
    return source[:80]
