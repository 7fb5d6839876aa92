"""A lexicon pattern led by a look-ahead on its first characters (so that a search skips in C to
where a match may start) finds exactly what the pattern alone finds; the cues, the named cues and
the construction records that open with a word boundary are led."""
import re

import pytest

from geo.claims import constructions
from geo.claims.cues import cues
from geo.claims.rules import cue, lexicon
from geo.knowledge.pattern_start import led_by_first_characters

SENTENCES = [
    "The army denied reports that it had lost the airport, calling them baseless propaganda.",
    "Rebels reportedly captured two villages, which the government said were never held.",
    "no coalition air strikes hit the town on tuesday, a spokesman for the ministry said",
    "نفت قوات سوريا الديمقراطية الأنباء عن سقوط القرية، التي قالت إنها تحت سيطرتها",
    "",
]


@pytest.mark.parametrize("pattern", [
    r"\b(?:den(?:y|ies|ied)|refut\w+)\b",
    r"(?<!\w)(?:village|town)s?\b",
    r"\b(?P<verb>captured|lost)\s+(?P<place>\w+)",
    r"\b(?:no|not)\s+(?:\S+\s+){0,2}$",
])
def test_a_led_pattern_finds_what_the_pattern_finds(pattern):
    plain = re.compile(pattern)
    led = led_by_first_characters(plain)
    assert led.pattern.startswith("(?=[") and led.groupindex == plain.groupindex
    for text in SENTENCES:
        low = text.lower()
        for start in range(0, len(low) + 1, 5):
            for end in (len(low), min(len(low), start + 30)):
                for how in ("search", "match", "fullmatch"):
                    a, b = getattr(plain, how)(low, start, end), getattr(led, how)(low, start, end)
                    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (pattern, start, end, how)
        assert [m.span() for m in plain.finditer(low)] == [m.span() for m in led.finditer(low)]


@pytest.mark.parametrize("pattern, flags", [
    (r"denied|refuted", 0),        # the engine sees the first characters itself
    (r"\w+ed", 0),                 # any word character: no known start
    (r"\b(?:x)?", 0),              # may match the empty string
    (r"\bdenied", re.IGNORECASE),  # 'D' too: left as it is
    (r"(?i)\bdenied", 0),          # an inline flag: left as it is
])
def test_a_pattern_the_look_ahead_cannot_help_is_left_as_it_is(pattern, flags):
    plain = re.compile(pattern, flags)
    assert led_by_first_characters(plain) is plain


def test_the_cues_that_open_with_a_boundary_are_led_and_answer_as_before():
    assert cue("denied").pattern.startswith("(?=[") and cue("alleged").pattern.startswith("(?=[")
    assert any(p.pattern.startswith("(?=[") for p in cues().values())
    assert any(r.pattern.pattern.startswith("(?=[") for r in constructions.records("goal"))
    for kind in lexicon().cues:
        led = cue(kind)
        plain = re.compile(led.pattern[led.pattern.index("])(?:") + 5:-1]) if led.pattern.startswith("(?=[") else led
        for text in SENTENCES:
            low = text.lower()
            for start in range(0, len(low), 9):
                a, b = plain.search(low, start), led.search(low, start)
                assert (a and a.span()) == (b and b.span()), (kind, text, start)


def test_a_search_tries_the_gate_only_where_a_record_may_start_and_answers_as_each_record():
    gate, finder = constructions._gate_and_starts("goal")
    assert gate is not None and finder is not None
    windows = ["the rebels said their aim was to take ", "forces were massing for an ", "the army would ",
               "residents fear that militants may soon ", "troops entered and cleared the ", ""]
    for low in windows:
        for start in range(0, len(low) + 1, 3):
            expected = next(((r.name, m.span()) for r in constructions.records("goal")
                             if (m := r.pattern.search(low, start, len(low))) is not None), None)
            found = constructions._first("goal", low, start, len(low))
            assert (found and (found[0], found[1].span())) == expected, (low, start)
    assert constructions.goal_before("the rebels said their aim was to take ", 38) == "goal-of"


def test_places_inside_actor_names_are_found_by_offset_as_by_checking_every_pair():
    import random

    from geo.claims.actors import ActorMention
    from geo.claims.annotate import _inside_actors
    from geo.model import Mention

    rng = random.Random(7)
    for _ in range(200):
        places = [Mention("d", s, s + rng.randint(1, 12), "x", "place") for s in sorted(rng.sample(range(200), 8))]
        actors = [ActorMention("A", s, s + rng.randint(1, 30), "y") for s in rng.sample(range(200), 6)]
        brute = {id(m) for m in places for a in actors if a.start < m.end and m.start < a.end
                 and a.end >= m.end and (a.end - a.start) > (m.end - m.start)}
        assert _inside_actors(places, actors) == brute
