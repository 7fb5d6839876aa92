"""Knowledge as data: the lexicon files load, a broken record names its file and line, and a
record in the user's folder ($GEO_LEXICON_DIR) takes effect with no change to the code."""
import pytest

from geo.claims import actors, rules
from geo.claims.extract import ClaimExtractor
from geo.lexicon import LexiconError, load_table
from geo.model import Document, Mention, Place


@pytest.fixture
def user_folder(tmp_path, use_settings):
    """A user lexicon folder; the cached lexicons are rebuilt around the test."""
    use_settings(lexicon_dir=tmp_path)
    rules.lexicon.cache_clear()
    actors.lexicon.cache_clear()
    yield tmp_path
    use_settings(lexicon_dir=None)
    rules.lexicon.cache_clear()
    actors.lexicon.cache_clear()


def raqqa_claims(text):
    start = text.index("Raqqa")
    raqqa = Mention("t", start, start + 5, "Raqqa", "place", Place("t:raqqa", "Raqqa", "city", 35.95, 39.01, "SY"), None, 1, 0.9)
    return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(Document("t", text), [raqqa])}


def test_a_new_relation_record_in_the_user_folder_takes_effect(user_folder):
    text = "Government forces blockaded Raqqa."
    assert raqqa_claims(text) == set()  # no packaged pattern says 'blockade'
    (user_folder / "relations.toml").write_text(
        '[[relation]]\nrelation = "contested"\npattern = \'blockad(?:e|ed|es|ing)\\b\'\n', encoding="utf-8")
    rules.lexicon.cache_clear()
    assert raqqa_claims(text) == {("Syrian government", "contested", "Raqqa")}


def test_a_new_actor_alias_in_the_user_folder_takes_effect(user_folder):
    text = "The Lions of the Valley shelled Raqqa."
    assert raqqa_claims(text) == set()
    (user_folder / "actors.toml").write_text(
        '[[actor]]\nname = "Lions of the Valley"\nkind = "armed group"\ncolour = "#123456"\n'
        'aliases = ["Lions of the Valley"]\n', encoding="utf-8")
    actors.lexicon.cache_clear()
    assert raqqa_claims(text) == {("Lions of the Valley", "strike", "Raqqa")}
    assert actors.actor_colours()["Lions of the Valley"] == "#123456"


@pytest.mark.parametrize("record, message", [
    ('\n\n[[relation]]\nrelation = "blockade"\npattern = "blockaded"\n', "relations.toml:3: unknown relation 'blockade'"),
    ('[[relation]]\nrelation = "control"\npattern = "seiz(ed"\n', "relations.toml:1: pattern does not compile"),
    ('[[relation]]\nrelation = "control"\npattern = "x"\n\n[[relation]]\nrelation = "control"\n',
     "relations.toml:5: [[relation]] record lacks the field 'pattern'"),
    ('[[relation]]\nrelation = "control"\npattern = "x"\nactor_afterr = true\n', "relations.toml:1: [[relation]] has an unknown field 'actor_afterr'"),
    ('[[relation]]\nrelation = "control"\npattern = "(?:x)?"\n', "relations.toml:1: pattern matches the empty string"),
    ('[[relation\nrelation = "control"\n', "relations.toml:1:"),
    ('[[relation]]\nrelation = "control"\npattern = "cut"\nobject = "route"\n', "relations.toml:1: object \"route\" is a corridor's"),
    ('[[relation]]\nrelation = "corridor"\npattern = "cut <<place_nouns:runway>>"\n', "relations.toml:1: unknown place-noun kind"),
])
def test_a_broken_relation_record_names_file_and_line(user_folder, record, message):
    (user_folder / "relations.toml").write_text(record, encoding="utf-8")
    rules.lexicon.cache_clear()
    with pytest.raises(LexiconError) as error:
        rules.lexicon()
    assert message in str(error.value)
    assert str(error.value).startswith(str(user_folder / "relations.toml"))


@pytest.mark.parametrize("record, message", [
    ('[[actor]]\nname = "X"\nkind = "militia"\n', "actors.toml:1: unknown kind 'militia'"),
    ('[[actor]]\nname = "X"\nkind = "state"\ncolour = "red"\n', "actors.toml:1: colour must be #rrggbb"),
    ('[[generic]]\nwords = ["guards"]\nhome = { IQ = "Martians" }\n', "actors.toml:1: unknown actor 'Martians'"),
    # demonyms live in their own table, which the geoparser reads too
    ('[[demonym]]\nword = "Martian"\nactor = "Mars"\n', "demonyms.toml:1: unknown actor 'Mars'"),
    ('[[demonym]]\nword = "federal"\nactor = "Iraqi forces"\nhome = { Iraq = "Iraqi forces" }\n',
     "demonyms.toml:1: home keys are two-letter country codes"),
    ('\n[[demonym]]\nword = "Martian"\n', "demonyms.toml:2: a demonym needs a country, an actor or both"),
])
def test_a_broken_actor_record_names_file_and_line(user_folder, record, message):
    (user_folder / message.split(":")[0]).write_text(record, encoding="utf-8")
    actors.lexicon.cache_clear()
    with pytest.raises(LexiconError) as error:
        actors.lexicon()
    assert message in str(error.value)


def test_a_relation_pattern_names_a_word_class_of_words_toml(user_folder):
    (user_folder / "relations.toml").write_text(
        '[[relation]]\nrelation = "corridor"\npattern = \'mined\\s+the\\s+(?:<<place_nouns:route>>)\'\nobject = "route"\n',
        encoding="utf-8")
    rules.lexicon.cache_clear()
    (found,) = [t for t in rules.triggers("ISIS mined the highway and the roads.") if t.start == 5]
    assert (found.relation, found.route) == ("corridor", True)
    assert [t.start for t in rules.triggers("ISIS mined the roads.")] == [5]  # the class holds the plurals


def test_the_air_record_names_a_known_actor(user_folder):
    (user_folder / "relations.toml").write_text('[[air]]\nactor = "Martians"\n', encoding="utf-8")
    rules.lexicon.cache_clear()
    with pytest.raises(LexiconError) as error:
        rules.lexicon()
    assert "relations.toml:1: unknown actor 'Martians'" in str(error.value)


def test_every_packaged_pattern_can_fire():
    """No hand-kept prefilter: the combined finder holds every rule, and each sentence's verb fires."""
    lex = rules.lexicon()
    samples = {"They blockaded Raqqa.": None, "They shelled Raqqa.": "strike", "They brought Raqqa under control.": "control",
               "They detained ten men in Raqqa.": "presence", "They entered Raqqa.": "advance",
               "Clashes erupted in Raqqa.": "contested"}
    for sentence, relation in samples.items():
        found = rules.triggers(sentence)
        assert (found[0].relation if found else None) == relation, sentence
    reachable = set(lex.anywhere).union(*lex.by_start.values())
    assert all(rule in reachable for rule in lex.rules)


def test_the_actor_table_keeps_the_gold_names_and_has_colours():
    names = set(actors.lexicon().actors)
    assert {"SDF", "ISIS", "Syrian government", "United States", "Russia"} <= names
    assert all(colour.startswith("#") for colour in actors.actor_colours().values())
    assert actors.canonical_actor("ISIL") == "ISIS" and actors.canonical_actor("QSD") == "SDF"


def test_records_carry_where_they_come_from():
    record = load_table("relations.toml", "relation", required={"relation": str, "pattern": str},
                        optional={"actor_after": bool, "place_before": bool, "needs_destination": bool,
                                  "not_followed_by": str, "unattributed": str, "object": str, "carried": bool,
                                  "means": bool, "subject_after": bool})[0]
    assert record["_where"].startswith("geo/data/lexicon/relations.toml:")
