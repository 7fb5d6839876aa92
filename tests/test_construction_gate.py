"""The gate of a construction kind: one alternation of its records that says "none of them
matches here" in one search. It must answer exactly as trying each record does."""
import re

from geo.claims import constructions
from geo.claims.constructions import Construction

SENTENCES = [
    "the rebels announced their goal of capturing the town before the winter",
    "troops were preparing for an assault on the city, officials said",
    "the army captured the village on monday after heavy fighting",
    "if the town is attacked, the militia will respond",
    "the offensive was meant to cut the road between the two towns",
    "fighters failed to take the hill and withdrew to their positions",
    "",
]


def test_each_kind_answers_as_its_records_one_by_one():
    for kind in constructions.KINDS:
        chosen = constructions.records(kind)
        for low in SENTENCES:
            for start in range(0, len(low) + 1, 7):
                for how in ("search", "match"):
                    expected = next(((r.name, m.span()) for r in chosen
                                     if (m := getattr(r.pattern, how)(low, start, len(low))) is not None), None)
                    found = constructions._first(kind, low, start, len(low), how)
                    assert (found and (found[0], found[1].span())) == expected, (kind, low, start, how)


def test_the_goal_records_have_a_gate_and_a_single_record_has_none():
    assert len(constructions.records("goal")) > 1 and constructions._gate("goal") is not None
    assert len(constructions.records("no_claims")) == 1 and constructions._gate("no_claims") is None


def test_records_whose_alternation_would_shift_a_back_reference_get_no_gate(monkeypatch):
    doubled = (Construction("a", "goal", re.compile(r"(\w)\1"), ""), Construction("b", "goal", re.compile(r"zz"), ""))
    monkeypatch.setattr(constructions, "records", lambda kind: doubled)
    assert constructions._gate("goal") is None
    assert constructions._first("goal", "a good book", 0, 11)[0] == "a"
    named = (Construction("c", "lead", re.compile(r"(?P<verb>took) x"), ""),
             Construction("d", "lead", re.compile(r"(?P<verb>seized) y"), ""))
    monkeypatch.setattr(constructions, "records", lambda kind: named)
    assert constructions._gate("lead") is not None  # the same group name twice: dropped in the gate
    assert constructions._first("lead", "they seized y", 0, 13)[1].group("verb") == "seized"
    monkeypatch.undo()
    constructions._GATES.clear()
