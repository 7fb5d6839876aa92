"""The binding steps' cues are data (geo/data/lexicon/binding_cues.toml): every name the steps ask
for is there, word classes come in through placeholders, a user's file widens a cue, and a broken
record names its file and line."""
from __future__ import annotations

import pytest

import geo.claims.bind_actor  # noqa: F401  (asks for its cues by name)
import geo.claims.bind_place  # noqa: F401
import geo.claims.extract  # noqa: F401
from geo.claims.cues import cues, used_names
from geo.knowledge import compass_points
from geo.knowledge.records import LexiconError
from geo.model import Document
from geo.pipeline import analyse


@pytest.fixture
def user_folder(tmp_path, use_settings):
    use_settings(lexicon_dir=tmp_path)
    cues.cache_clear()
    yield tmp_path
    use_settings(lexicon_dir=None)
    cues.cache_clear()


def test_every_cue_a_step_asks_for_is_in_the_file():
    names = used_names()
    assert {"towards", "modifier_after", "object_before", "contained_in", "province_before", "clause_break",
            "says_again", "locative"} <= names
    assert names <= set(cues())


def test_word_classes_come_in_through_placeholders():
    contained = cues()["contained_in"].pattern
    assert all(word in contained for word in compass_points()[:4])  # <<compass>> expanded
    assert cues()["object_before"].search("they fought against the two ") is not None  # <<number>>


def test_the_steps_read_the_cues(user_folder):
    """A user's record widens the words that make an actor a modifier of another ('US-backed'):
    the actor who captured changes."""
    sentence = [Document("d", "The SDF, Washington-financed, captured Tabqa on Monday.")]
    assert [(c.actor, c.place.name) for c in analyse(sentence).claims] == [("United States", "Tabqa")]
    (user_folder / "binding_cues.toml").write_text(
        "[[cue]]\nname = 'modifier_after'\npattern = '-financed\\b'\nnote = 'a funder qualifies'\n", encoding="utf-8")
    cues.cache_clear()
    assert [(c.actor, c.place.name) for c in analyse(sentence).claims] == [("SDF", "Tabqa")]
    assert cues()["modifier_after"].match("-backed") is not None  # the packaged words still count


@pytest.mark.parametrize("record, message", [
    ("[[cue]]\nname = 'towards'\npattern = '<<numbers>>x'\n", "unknown placeholder <<numbers>>"),
    ("[[cue]]\nname = 'towards'\npattern = '(unclosed'\n", "does not compile"),
    ("[[cue]]\nname = 'towards'\npattern = 'x'\nwhy = 'no such field'\n", "unknown field 'why'"),
])
def test_a_broken_record_names_its_file_and_line(user_folder, record, message):
    (user_folder / "binding_cues.toml").write_text("# mine\n" + record, encoding="utf-8")
    cues.cache_clear()
    with pytest.raises(LexiconError, match=rf"binding_cues.toml:2: .*{message}"):
        cues()
