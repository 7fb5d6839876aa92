"""Knowledge defined once: every word class, the theatre and the demonyms come from the data of
``geo.knowledge``; a broken record names its file and line; the gazetteer is loaded once."""
from __future__ import annotations

import re

import pytest

from geo import knowledge
from geo.knowledge import words, world
from geo.knowledge.records import LexiconError


@pytest.fixture
def user_folder(tmp_path, use_settings):
    """A user lexicon folder ($GEO_LEXICON_DIR); the cached word classes are read again around the test."""
    def clear():
        for function in (world.theatre_countries, words.months, words.weekdays, words._compass, words.link_words,
                         words._place_noun_records, words.place_nouns, words._word_table):
            function.cache_clear()
    use_settings(lexicon_dir=tmp_path)
    clear()
    yield tmp_path
    use_settings(lexicon_dir=None)
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
    from geo.geoparse.index_build import read_demonyms
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


# the place nouns whose alternations used to be spelled out in a dozen patterns
_CORE_NOUNS = frozenset({"village", "town", "city", "hamlet", "countryside", "outskirts", "district", "subdistrict",
                         "neighbourhood", "neighborhood", "suburb", "province", "governorate", "area", "region", "camp"})


def _month_words() -> dict[str, int]:
    found = {}
    for month in knowledge.months():
        for word in (month.name, *month.abbreviations):
            found[word.lower()] = month.number
    return found


def _code_strings(tree) -> list[tuple[int, str]]:
    """(line, text) of every string constant but docstrings (f-string parts included)."""
    import ast

    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def word_class_lists(source: str) -> list[str]:
    """Where a module spells out a month list or a place-noun list itself: a regex alternation or
    a word-list string naming two months or two place nouns ('january|february', 'Jan(?:uary)?|Feb',
    'villages?|towns?', 'village town ...'.split()), or a tuple, list or set of two month names."""
    import ast

    tree = ast.parse(source)
    months = _month_words()
    found = []
    for line, text in _code_strings(tree):
        # 'neighbou?rhoods?' -> 'neighbourhoods', '\\bvillage' -> ' village'
        words = re.sub(r"(?<=[a-z])\?", "", re.sub(r"\\[a-zA-Z]", " ", text)).lower()
        tokens = re.findall(r"[a-z]+", words)
        # an alternation, or a list of bare words ('january february march'.split())
        listing = "|" in text or (len(text.split()) >= 3 and all(re.fullmatch(r"[\w.'-]+", w) for w in text.split()))
        if listing and len({months[t] for t in tokens if t in months}) >= 2:
            found.append(f"line {line}: months {text[:60]!r}")
        nouns = {t[:-1] if t[:-1] in _CORE_NOUNS else t for t in tokens} & _CORE_NOUNS
        if listing and len(nouns) >= 2:
            found.append(f"line {line}: place nouns {text[:60]!r}")
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = {months.get(e.value.lower()) for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if len(words - {None}) >= 2:
                found.append(f"line {node.lineno}: a collection of months")
    return found


@pytest.mark.parametrize("source", [
    'MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?)"', 'NAMES = ("january", "february")', 'x = {"May", "June"}',
    'M = frozenset("January February March".split())', 'P = r"\\b(?:villages?|towns?)\\s+of"',
    'P = re.compile(rf"[ \\t]+(?i:neighbou?rhoods?|quarters?|suburbs?)\\b")', 'W = "in of village town".split()',
])
def test_the_scan_finds_a_word_class_written_out(source):
    assert word_class_lists(source)


@pytest.mark.parametrize("source", [
    '"""In May 2015 the town and the village."""', 'P = place_noun_pattern("link")', 'K = ("town", "village")',
    'M = r"(?:" + alternation(month_names()) + ")"',
])
def test_the_scan_leaves_other_code_alone(source):
    assert not word_class_lists(source)


def test_no_module_outside_the_knowledge_package_writes_a_month_or_place_noun_list():
    found = {str(path): hits for path in _sources() if (hits := word_class_lists(path.read_text(encoding="utf-8")))}
    assert not found, "word classes belong in geo/data/lexicon/words.toml (geo.knowledge):\n" + "\n".join(
        f"{path}: {hit}" for path, hits in found.items() for hit in hits)


def test_a_users_construction_file_adds_records_that_change_the_claims(tmp_path, use_settings):
    """The claims stage's rule files load like the lexicon: a file of the same name in the user's
    folder adds records (here: lines opening 'Rumour:' state nothing), and a broken one is named."""
    from geo.claims import ClaimExtractor, binding, constructions
    from geo.knowledge.records import LexiconError
    from geo.model import Document, Mention, Place

    text = "Rumour: ISIS captured Raqqa on Monday."
    start = text.index("Raqqa")
    raqqa = Mention("t", start, start + 5, "Raqqa", "place", Place("t:raqqa", "Raqqa", "city", 35.95, 39.01, "SY"),
                    precision=1, confidence=0.9)

    def claimed() -> set:
        constructions._all.cache_clear()
        constructions.disable()
        binding._all.cache_clear()
        return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(Document("t", text), [raqqa])}

    try:
        assert claimed() == {("ISIS", "control", "Raqqa")}
        (tmp_path / "constructions.toml").write_text(
            '[[construction]]\nname = "rumour-line"\nkind = "no_claims"\npattern = \'\\s*rumour:\'\n'
            'note = "a line opening with Rumour: states nothing"\n', encoding="utf-8")
        use_settings(lexicon_dir=tmp_path)
        assert claimed() == set()
        (tmp_path / "constructions.toml").write_text('[[construction]]\nname = "x"\nkind = "wish"\npattern = "a"\n',
                                                     encoding="utf-8")
        with pytest.raises(LexiconError, match=r"constructions.toml:1: unknown kind 'wish'"):
            claimed()
    finally:
        use_settings(lexicon_dir=None)
        claimed()
