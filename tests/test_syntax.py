"""What the optional dependency parse (geo.claims.syntax) decides: subject vs object, the passive
agent, goals and hypotheticals, negation; and that a missing model falls back to the rules."""
from __future__ import annotations

import logging

import pytest

from geo.claims import syntax
from geo.claims.extract import ClaimExtractor
from geo.model import Document, Mention, Sentence, Place

NLP = syntax.load(syntax.model_names())
needs_model = pytest.mark.skipif(
    NLP is None, reason="no spaCy model installed (pip install 'geo-conflict-map[syntax]'; GEO_SPACY_MODEL names another)")


def _parse(text: str) -> syntax.SentenceParse:
    return syntax.parse(None, [Sentence("t", 0, len(text), text)])[0]


def _role(text: str, trigger: str, name: str) -> str | None:
    p = _parse(text)
    t0, n0 = text.index(trigger), text.index(name)
    roles = p.roles(t0, t0 + len(trigger))
    return p.role_of(roles, n0, n0 + len(name), t0, t0 + len(trigger)) if roles else None


def _mood(text: str, trigger: str) -> str | None:
    t0 = text.index(trigger)
    return _parse(text).mood(t0, t0 + len(trigger))


@needs_model
def test_subject_acts_object_is_acted_upon():
    text = "Kurdish fighters ambushed a Turkish patrol near the river."
    assert _role(text, "ambushed", "Kurdish fighters") == "agent"
    assert _role(text, "ambushed", "Turkish patrol") == "patient"


@needs_model
def test_a_group_named_inside_the_victims_is_no_agent():
    # 'IS' is spelled out for the parser, which otherwise reads it as the verb 'is'
    text = "Army snipers shot two IS gunmen outside the mill."
    assert _role(text, "shot", "IS") == "patient"
    assert _role(text, "shot", "Army snipers") == "agent"


@needs_model
def test_passive_agent_after_by_and_passive_subject():
    text = "The old fort was seized by militia fighters on Tuesday."
    assert _role(text, "seized", "militia fighters") == "agent"
    assert _role(text, "seized", "The old fort") == "patient"


@needs_model
def test_from_phrase_is_the_side_that_lost():
    text = "The rebels captured the hill from government troops."
    assert _role(text, "captured", "rebels") == "agent"
    assert _role(text, "captured", "government troops") == "source"


@needs_model
def test_both_sides_of_a_clash_between_act():
    text = "Heavy clashes between tribal fighters and the militia broke out in the village."
    assert _role(text, "clashes", "tribal fighters") == "agent"
    assert _role(text, "clashes", "the militia") == "agent"


@needs_model
def test_goals_and_hypotheticals_are_not_deeds():
    assert _mood("The militia vowed to capture the airport.", "capture") == "goal"
    assert _mood("The army plans to retake the valley next month.", "retake") == "goal"
    assert _mood("Seizing the dam would give the rebels the upper hand.", "Seizing") == "goal"
    assert _mood("Tribal fighters are fighting to retake the crossing.", "retake") == "attempt"
    assert _mood("Tribal fighters retook the crossing.", "retook") is None


@needs_model
def test_negation_and_its_scope():
    assert _mood("The militia did not capture the bridge.", "capture") == "negated"
    assert _mood("A spokesman said it was not true that the bridge had been captured.", "captured") == "negated"
    assert _mood("The army denied that rebels had captured the bridge.", "captured") == "negated"
    # the negation belongs to another verb: the capture stands
    assert _mood("Rebels captured the bridge, which was not defended.", "captured") is None


@needs_model
def test_extractor_reads_the_victims_from_the_parse():
    # between the group and the verb the word window sees a closing quote, not 'were': the rules
    # take the victims for the actor; the parse knows they are the subject of a passive
    text = "Four “Islamic State” snipers were reportedly shot near Tall Qasim."
    at = text.index("Tall Qasim")
    place = Mention("t", at, at + 10, "Tall Qasim", "place", place=Place("p1", "Tall Qasim", "village", 35.0, 40.0, "SY"), precision=1, confidence=0.9)
    off = ClaimExtractor(syntax=False).extract(Document("t", text), [place])
    on = ClaimExtractor(syntax=True).extract(Document("t", text), [place])
    assert [c.actor for c in off] == ["ISIS"]
    assert [c.actor for c in on] != ["ISIS"]


def test_missing_model_warns_once_and_keeps_the_rules(use_settings, caplog):
    use_settings(spacy_model="no_such_model_for_geo_tests")
    text = "Turkish forces shelled the town."
    sentence = Sentence("t", 0, len(text), text)
    with caplog.at_level(logging.WARNING, logger="geo.claims.syntax"):
        assert syntax.parse(None, [sentence]) == {}
        assert syntax.parse(None, [sentence]) == {}
    assert [r.getMessage() for r in caplog.records] == [
        "geo.claims.syntax: no spaCy model no_such_model_for_geo_tests installed; claims use the word-window rules"]
    place = Mention("t", 23, 31, "the town", "place", place=Place("p2", "Kafr Town", "town", 36.0, 37.0, "SY"), precision=1, confidence=0.9)
    claims = ClaimExtractor(syntax=True).extract(Document("t", text), [place])
    assert [(c.relation, c.actor) for c in claims] == [("strike", "Turkey")]
    assert claims == ClaimExtractor(syntax=False).extract(Document("t", text), [place])
    syntax.load.cache_clear()


def test_setting_is_off_by_default(use_settings):
    use_settings(syntax=False)
    assert ClaimExtractor().syntax is False
    use_settings(syntax=True)
    assert ClaimExtractor().syntax is True
