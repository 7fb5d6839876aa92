"""How a sentence states a claim (asserted, alleged, denied, disputed) and whom it quotes.

>>> attribution_of(Sentence("d", 0, 60, "The SDF took Tabqa, the Syrian Observatory for Human Rights said."))
'SOHR'
>>> attribution_of(Sentence("d", 0, 50, "As reported on 1 May, ISIS shelled the town."))
''
"""
from __future__ import annotations

import re

from geo.casefold import fold
from geo.claims.cues import named
from geo.claims.rules import cue, lexicon
from geo.knowledge.pattern_start import led_by_first_characters
from geo.model import Sentence

# (A look-ahead on the first letters lets the regex engine skip to where a match can start.)
_ATTRIBUTION = (
    re.compile(r"(?=a)\baccording\s+to\s+(?P<src>(?:the\s+)?[^,.;:]{2,60}?)(?=[,.;:]|\s+(?:a|the)\s|$)"),
    # a name of up to seven capitalised words (taken whole: only the whole name can be followed
    # by the verb, so the atomic group spares the backtracking), or 'the ... spokesman of ...'
    re.compile(r"(?=[A-Ztaslogpr])(?P<src>(?:(?:the|an?)\s+)?[A-Z][\w’'.-]*+(?>(?:\s+(?:(?:for|of|the|and|on)\s+)*[A-Z][\w’'.-]*+){0,6})(?:\s+\([A-Z]+\))?"
               r"|(?:(?:the|an?|The|An?)\s+|[A-Z][\w’'-]*\s+|(?<![\w-])(?=(?:local|some|several|other|opposition|rebel|kurdish|military|security|government|state)\s))(?:[\w’'-]+\s+){0,3}"
               r"(?:spokes(?:man|woman|person)|speaker|commanders?|witness(?:es)?|officials?|sources?|representatives?|ministry|media|monitor|police|officers?|medics|doctors?|army|military|members?|governor|mayor|chief|residents?|activists?|lawmakers?|government|command|service|agency|observatory|reporters?|correspondents?)"
               r"(?:\s+(?:of|for)\s+(?:the\s+)?[\w ]{2,40}?)?(?:,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3},)?"
               r"|(?:state|official|local|government|opposition|pro-government|regime)\s+(?:media|television|tv|news\s+agenc(?:y|ies)))"
               # ('The Syrian Observatory for Human Rights, a Britain-based war monitor, said')
               # ('Al Jazeera's correspondent, reporting from near Kirkuk, said', 'The SDF, backed by the coalition, said')
               r"(?:,\s+(?:an?|the|who|which|\w+ing|\w+ed\s+by)\s+[^,.;]{2,60},)?\s+(?:(?:has|have|had|also|later|subsequently|meanwhile|then|further|again)\s+)*(?:said|says|say|reported|reports|claimed|announced|declared|told|denie[sd]|confirmed|stated|documented|recorded)\b"),
    # ('..., said Naji Mustafa, spokesman for the National Liberation Front': the organisation speaks)
    re.compile(r"[,.!?]?[\"”’]?\s*(?<=[,\"”’])\s*(?:said|says|reported|announced|added|stated)\s+(?:[A-Z][^,.;:]{2,60}?,\s+(?:an?\s+|the\s+)?"
               r"(?:spokes(?:man|woman|person)|commander|official|head|leader|member)\s+(?:for|of)\s+)?"
               r"(?P<src>(?:the\s+)?[A-Z][^,.;:]{2,60}?)(?=[,.;:]|$)"),
)
_APPOSED_NAME = re.compile(r",\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3},$")
# a headline's source before a colon: 'Iraqi police official: Bomb in Baghdad kills 13'
_HEADER_SOURCE = re.compile(r"\s*(?P<src>[A-Z][^:.;]{2,50}?\b(?:officials?|sources?|police|ministry|spokes(?:man|woman|person)|"
                            r"media|monitor|command|army|military|government))\s*:\s")
# the source phrases of another language's reporting, as data ('بحسب المرصد السوري', 'أفادت سانا
# بأن'): tried when the English patterns find none; group `src` is the source
_SOURCE_PHRASE = named("source_phrase")
# a necessary condition of _ATTRIBUTION[1] and [2] (case-sensitive, like them)
_ATTRIBUTION_VERB = led_by_first_characters(re.compile(
    r"\b(?:said|says|say|reported|reports|claimed|announced|declared|told|denie[sd]|confirmed|stated|documented|recorded)\b"))


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


def attribution_span(sentence: Sentence, low: str | None = None) -> tuple[int, int, str]:
    """(start, end) in the document of the source a sentence quotes, and its short name;
    (-1, -1, '') when it quotes none. ``low``: the document's lower-cased text if the caller has it."""
    body = sentence.text
    lex = lexicon()
    header = _HEADER_SOURCE.match(body)
    if header is not None and not _no_source(header.group("src"), lex.not_sources):
        return sentence.start + header.start("src"), sentence.start + header.end("src"), short_source(header.group("src"))
    verb = _ATTRIBUTION_VERB.search(body) is not None
    # pattern 1 is case-blind (run on the lower-cased copy); 2 and 3 read capitals and need a verb
    folded = low[sentence.start:sentence.end] if low is not None else fold(body)
    for pattern, haystack, needs_verb in zip(_ATTRIBUTION, (folded, body, body), (False, True, True)):
        if needs_verb and not verb:  # skip their costly scan
            continue
        for match in pattern.finditer(haystack):
            source = " ".join(body[match.start("src"):match.end("src")].split())
            source = _APPOSED_NAME.sub("", source)  # ('The speaker of the army, Qasim Atta,': the army's speaker)
            if _no_source(source, lex.not_sources):
                continue
            return sentence.start + match.start("src"), sentence.start + match.end("src"), short_source(source)
    for match in _SOURCE_PHRASE.finditer(folded):
        source = " ".join(body[match.start("src"):match.end("src")].split())
        if not _no_source(source, lex.not_sources):
            return sentence.start + match.start("src"), sentence.start + match.end("src"), short_source(source)
    return -1, -1, ""


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
