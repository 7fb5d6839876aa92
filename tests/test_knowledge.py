"""Knowledge defined once: every word class, the theatre and the demonyms come from the data of
``geo.knowledge``; a broken record names its file and line; the gazetteer is loaded once."""
from __future__ import annotations

import re

import pytest

from geo import knowledge
from geo.knowledge import words, world
from geo.knowledge.records import USER_DIR_VARIABLE, LexiconError


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    """A user lexicon folder ($GEO_LEXICON_DIR); the cached word classes are read again around the test."""
    def clear():
        for function in (world.theatre_countries, words.months, words.weekdays, words._compass, words.link_words,
                         words._place_noun_records, words.place_nouns, words._word_table):
            function.cache_clear()
    monkeypatch.setenv(USER_DIR_VARIABLE, str(tmp_path))
    clear()
    yield tmp_path
    monkeypatch.delenv(USER_DIR_VARIABLE)
    clear()


# -- the gazetteer index is loaded once per process --------------------------------------------

def test_the_default_index_is_loaded_once():
    from geo.geoparse.gazetteer import default_index

    assert default_index() is default_index()


# -- the theatre: one record, and the gazetteer's queries follow it -----------------------------

def _statements(index, call):
    statements: list[str] = []
    index._db.set_trace_callback(statements.append)
    try:
        call()
    finally:
        index._db.set_trace_callback(None)
    return statements


def test_a_changed_theatre_record_changes_the_gazetteer_queries(user_folder):
    from geo.geoparse.gazetteer import GazetteerIndex

    before = GazetteerIndex.load()
    packaged = _statements(before, lambda: (before.candidates("raqqa"), before.names_in_theatre()))
    assert packaged and all("'SY'" in s and "'IQ'" in s and "'LB'" not in s for s in packaged)

    (user_folder / "theatre.toml").write_text('[[theatre]]\ncountries = ["LB"]\n', encoding="utf-8")
    world.theatre_countries.cache_clear()
    assert knowledge.theatre_countries() == {"SY", "IQ", "LB"}
    assert world.theatre_sql() == ("p.country IN (?, ?, ?)", ("IQ", "LB", "SY"))
    after = GazetteerIndex.load()  # a fresh index: nothing of the first one's look-ups is cached
    changed = _statements(after, lambda: (after.candidates("raqqa"), after.names_in_theatre()))
    assert len(changed) == 2 and all("'LB'" in s and "'SY'" in s for s in changed)


def test_the_theatre_is_written_in_no_module():
    """The country codes of the theatre appear in no SQL literal or set of the code."""
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""IN \(['"]SY['"], ?['"]IQ['"]\)|\{['"]SY['"], ['"]IQ['"]\}""", text), path


def test_the_claim_engine_reads_the_same_theatre():
    from geo.claims import rules

    assert rules.lexicon().theatre == knowledge.theatre_countries() == {"SY", "IQ"}


# -- demonyms: one table, read by the geoparser and the claim engine ----------------------------

def test_one_demonym_table_serves_geoparser_and_claim_engine():
    from geo.claims.actors import lexicon as actor_lexicon
    from geo.geoparse.gazetteer import read_demonyms
    from geo.geoparse.normalize import name_key

    records = {r["word"]: r for r in knowledge.demonym_records()}
    assert (records["Turkish"]["country"], records["Turkish"]["actor"]) == ("TR", "Turkey")
    assert read_demonyms()[name_key("Turkish")] == "TR"  # the geoparser's demonym mention
    assert actor_lexicon().demonyms["turkish"] == "Turkey"  # the claim engine's 'Turkish forces'
    assert "government" in actor_lexicon().demonyms and name_key("government") not in read_demonyms()
    assert name_key("Lebanese") in read_demonyms() and "lebanese" not in actor_lexicon().demonyms


# -- loaders: a broken record names file and line -----------------------------------------------

@pytest.mark.parametrize("filename, record, load, message", [
    ("theatre.toml", '\n[[theatre]]\ncountries = ["Syria"]\n', world.theatre_countries,
     "theatre.toml:2: a country is a two-letter ISO code"),
    ("demonyms.toml", '[[demonym]]\nword = "Martian"\ncountry = "mars"\n', world.demonym_records,
     "demonyms.toml:1: country must be a two-letter ISO code"),
    ("words.toml", '\n\n[[month]]\nname = "Thermidor"\nnumber = 13\nabbreviations = []\n', words.months,
     "words.toml:3: number must be 1 to 12"),
    ("words.toml", '[[month]]\nname = "Thermidor"\nnumber = 11\nabbreviations = []\n', words.months,
     "words.toml:1: a second month number 11"),
    ("words.toml", '[[place_noun]]\nword = "kibbutz"\nclasses = ["link+"]\n', lambda: words.place_nouns("link"),
     "words.toml:1: class 'link+' takes the plural, but 'kibbutz' has none"),
    ("words.toml", '[[place_noun]]\nword = "kibbutz"\nclass = ["link"]\n', lambda: words.place_nouns("link"),
     "words.toml:1: [[place_noun]] record lacks the field 'classes'"),
    ("words.toml", '[[compass]]\nword = "up"\ncloses = "yes"\n', words.compass_points,
     "words.toml:1: field 'closes' must be bool"),
])
def test_a_broken_knowledge_record_names_file_and_line(user_folder, filename, record, load, message):
    (user_folder / filename).write_text(record, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load()
    assert str(error.value).startswith(str(user_folder / filename))
    assert message in str(error.value)


def test_a_user_place_noun_joins_its_class(user_folder):
    assert "kibbutz" not in words.place_nouns("link")
    (user_folder / "words.toml").write_text(
        '[[place_noun]]\nword = "kibbutz"\nplurals = ["kibbutzim"]\nclasses = ["link+"]\n', encoding="utf-8")
    words.place_nouns.cache_clear()
    words._place_noun_records.cache_clear()
    assert {"kibbutz", "kibbutzim"} <= set(words.place_nouns("link"))


# -- the pattern helper ---------------------------------------------------------------------------

def test_alternation_is_escaped_and_longest_first():
    pattern = knowledge.alternation(["town", "towns", "sub-district", "oil field", "Col."])
    assert pattern == r"(?:sub\-district|oil\s+field|towns|town|Col\.)"
    assert re.fullmatch(pattern, "oil  field") and not re.fullmatch(pattern, "Colx")
    assert re.match(pattern, "towns").group() == "towns"  # as a greedy 'towns?' would
    with pytest.raises(ValueError):
        knowledge.alternation([])


def test_place_noun_classes_take_singulars_plurals_or_both():
    assert set(words.place_nouns("town_part")) == {"neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
                                                   "quarter", "quarters", "suburb", "suburbs"}
    assert "villages" in words.place_nouns("listed") and "village" not in words.place_nouns("listed")
    assert "villages" not in words.place_nouns("toponym") and "village" in words.place_nouns("toponym")


def test_months_and_their_numbers():
    assert knowledge.month_names()[0] == "January" and len(knowledge.months()) == 12
    assert [knowledge.month_number(w) for w in ("Sept.", "sep", "MAY", "December", "Mayday")] == [9, 9, 5, 12, None]


# -- no module of the code writes a word class itself ---------------------------------------------

def _sources():
    from pathlib import Path

    package = Path(knowledge.__file__).resolve().parent.parent
    return [p for p in sorted(package.rglob("*.py")) if "knowledge" not in p.relative_to(package).parts]
