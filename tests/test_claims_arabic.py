"""Claims from Arabic reporting: the Arabic companions of the packaged lexicon
(``geo/data/lexicon/ar``, ``geo/data/claims/ar``), verb-subject order, proclitics, Arabic sources,
stance and goals. Every sentence and paragraph here was written for these tests."""
from pathlib import Path

import pytest

from geo.claims import ClaimExtractor
from geo.claims.sentences import split_sentences
from geo.knowledge.records import sources
from geo.model import Document

DATA = Path(__file__).parent / "data" / "arabic"


def claims(geoparser, text):
    doc = Document("t", text)
    return ClaimExtractor().extract(doc, geoparser.parse(doc))


def triples(geoparser, text):
    return {(c.actor, c.relation, c.place.name) for c in claims(geoparser, text)}


# ---- the language companion files
def test_a_language_companion_is_read_between_the_packaged_file_and_the_users(tmp_path, use_settings):
    (tmp_path / "relations.toml").write_text('[[relation]]\nrelation = "contested"\npattern = \'حوصر\'\n', encoding="utf-8")
    use_settings(lexicon_dir=tmp_path)
    names = [s.name for s in sources("relations.toml")]
    assert names == ["geo/data/lexicon/relations.toml", "geo/data/lexicon/ar/relations.toml", str(tmp_path / "relations.toml")]
    assert [s.name for s in sources("constructions.toml", "claims")] == [
        "geo/data/claims/constructions.toml", "geo/data/claims/ar/constructions.toml"]


def test_a_companion_actor_adds_aliases_and_keeps_the_english_colour():
    from geo.claims.actors import actor_colours, find_actors

    assert actor_colours()["Turkey"] == "#1a7f37"
    assert [(a.actor, a.surface) for a in find_actors("قصفت القوات التركية مواقع قسد")] == [
        ("Turkey", "القوات التركية"), ("SDF", "قسد")]


# ---- word shape
def test_an_actor_name_after_a_one_letter_proclitic_is_found_but_not_inside_a_longer_word():
    from geo.claims.actors import find_actors

    assert [a.actor for a in find_actors("هاجمت والجيش السوري لداعش")] == ["Syrian government", "ISIS"]
    assert find_actors("قال الداعشي السابق") == []  # 'داعش' inside the adjective is no name
    assert find_actors("مسؤولقسد") == []


def test_arabic_sentences_end_at_arabic_stops():
    text = "سيطرت قسد على الرقة. وقصفت الطائرات إدلب؛ هل انتهت المعركة؟ نعم"
    assert [s.text for s in split_sentences("d", text)] == [
        "سيطرت قسد على الرقة.", "وقصفت الطائرات إدلب؛", "هل انتهت المعركة؟", "نعم"]


# ---- relations, verb-subject order
@pytest.mark.parametrize("text, expected", [
    ("سيطرت قوات سوريا الديمقراطية على مدينة الرقة بعد معارك عنيفة.", ("SDF", "control", "Raqqa")),
    ("واستعاد الجيش العراقي السيطرة على مدينة الموصل.", ("Iraqi forces", "control", "Mosul")),
    ("حررت قوات مكافحة الإرهاب مدينة الفلوجة.", ("Iraqi forces", "control", "Fallujah")),
    ("بسطت قوات النظام سيطرتها على مدينة تدمر.", ("Syrian government", "control", "Palmyra")),
    ("أعلن الجيش العراقي تحرير قضاء تلعفر.", ("Iraqi forces", "control", "Tal Afar")),
    ("خسر تنظيم داعش مدينة منبج.", ("ISIS", "lost", "Manbij")),
    ("انسحبت قوات النظام من بلدة خان شيخون.", ("Syrian government", "lost", "Khan Shaykhun")),
    ("حاصرت قوات النظام مدينة دير الزور.", ("Syrian government", "contested", "Deir ez-Zor")),
    ("اقتحمت هيئة تحرير الشام بلدة كفرنبل.", ("HTS", "contested", "Kafr Nabl")),
    ("قصفت الطائرات الروسية بلدة خان شيخون.", ("Russia", "strike", "Khan Shaykhun")),
    ("وشنت طائرات التحالف الدولي غارات على مدينة الرقة.", ("United States", "strike", "Raqqa")),
    ("استهدفت المدفعية التركية بلدة تل رفعت.", ("Turkey", "strike", "Tal Rifaat")),
    ("تقدمت قوات الحشد الشعبي باتجاه قضاء تلعفر.", ("Iraqi forces", "advance", "Tal Afar")),
    ("دخلت القوات التركية مدينة عفرين.", ("Turkey", "advance", "Afrin")),
    ("انتشرت قوات البيشمركة في مدينة كركوك.", ("Peshmerga", "presence", "Kirkuk")),
    ("انفجرت سيارة مفخخة في مدينة أعزاز.", ("Unidentified armed group", "strike", "Azaz")),
    ("قصفت طائرات حربية مجهولة مواقع في مدينة البوكمال.", ("Unidentified military forces", "strike", "Abu Kamal")),
    ("وتخضع مدينة جرابلس لسيطرة فصائل الجيش الوطني.", ("Syrian National Army", "control", "Jarabulus")),
    ("سقطت مدينة الموصل بيد تنظيم داعش.", ("ISIS", "control", "Mosul")),
])
def test_each_relation_from_an_arabic_sentence(geoparser, text, expected):
    assert expected in triples(geoparser, text)


def test_the_name_of_a_group_is_no_trigger(geoparser):
    # 'تحرير' (liberation) inside 'هيئة تحرير الشام' says nothing of control
    assert triples(geoparser, "اقتحمت هيئة تحرير الشام بلدة كفرنبل.") == {("HTS", "contested", "Kafr Nabl")}


def test_the_subject_follows_the_verb_and_the_object_after_a_preposition_does_not_act(geoparser):
    found = triples(geoparser, "هاجمت فصائل المعارضة مواقع لقوات النظام في بلدة كفرنبل.")
    assert ("Rebels", "contested", "Kafr Nabl") in found
    assert ("Syrian government", "contested", "Kafr Nabl") not in found
    # subject-verb order: the subject before the verb acts
    assert ("Syrian government", "strike", "Idlib") in triples(geoparser, "قوات النظام تقصف مدينة إدلب.")


def test_subjects_after_the_verb_joined_by_wa_all_act(geoparser):
    found = triples(geoparser, "دخلت القوات التركية والجيش الوطني مدينة عفرين.")
    assert {("Turkey", "advance", "Afrin"), ("Syrian National Army", "advance", "Afrin")} <= found


def test_clashes_between_two_sides_give_both(geoparser):
    found = triples(geoparser, "اندلعت اشتباكات بين قسد وفصائل الجيش الوطني في مدينة منبج.")
    assert {("SDF", "contested", "Manbij"), ("Syrian National Army", "contested", "Manbij")} <= found


def test_a_group_backed_by_a_state_acts_not_the_state(geoparser):
    found = triples(geoparser, "أحكمت فصائل الجيش الوطني المدعومة من الجيش التركي سيطرتها على مدينة الباب.")
    assert ("Syrian National Army", "control", "al-Bab") in found
    assert ("Turkey", "control", "al-Bab") not in found


def test_the_one_expelled_from_a_place_lost_it(geoparser):
    found = triples(geoparser, "دخلت قوات سوريا الديمقراطية مدينة منبج بعد طرد عناصر داعش منها.")
    assert {("SDF", "advance", "Manbij"), ("ISIS", "lost", "Manbij")} <= found


def test_the_owner_after_a_noun_acts(geoparser):
    assert triples(geoparser, "وصلت تعزيزات عسكرية لقوات النظام إلى مدينة درعا.") == {("Syrian government", "presence", "Daraa")}
    assert ("United States", "strike", "Raqqa") in triples(geoparser, "وواصل طيران التحالف الدولي غاراته على مدينة الرقة.")


def test_strikes_told_after_the_victims_are_the_strikers_deed(geoparser):
    # the noun comes first: 'غارات جوية مجهولة' holds the trigger word; the militiamen killed are victims
    found = triples(geoparser, "قتل ثمانية عناصر من الميليشيات الإيرانية جراء غارات جوية مجهولة في مدينة البوكمال.")
    assert found == {("Unidentified military forces", "strike", "Abu Kamal")}


def test_a_part_of_the_place_named_before_is_that_place(geoparser):
    found = triples(geoparser, "دخلت قوات النظام مدينة دوما. وانتشرت الشرطة العسكرية الروسية في أحيائها.")
    assert ("Russia", "presence", "Douma") in found


# ---- sources, stance, goals
@pytest.mark.parametrize("text, source", [
    ("قصفت الطائرات الروسية بلدة كفرنبل، بحسب المرصد السوري لحقوق الإنسان.", "SOHR"),
    ("وفقاً للمرصد السوري، قصفت الطائرات الروسية بلدة كفرنبل.", "SOHR"),
    ("أفادت سانا بأن الجيش العربي السوري استعاد بلدة كفرنبل.", "SANA"),
    ("ذكرت الوكالة العربية السورية للأنباء أن الجيش السوري استعاد بلدة كفرنبل.", "SANA"),
    ("قالت مصادر محلية إن الطائرات الروسية قصفت بلدة كفرنبل.", "مصادر محلية"),
])
def test_the_source_an_arabic_sentence_quotes(geoparser, text, source):
    found = claims(geoparser, text)
    assert found and {c.attribution for c in found} == {source}


def test_a_denial_denies(geoparser):
    found = claims(geoparser, "نفت قوات سوريا الديمقراطية أن تكون قد خسرت مدينة منبج.")
    assert [(c.actor, c.relation, c.place.name, c.stance) for c in found] == [("SDF", "lost", "Manbij", "denied")]


def test_a_capital_that_denies_is_no_place_of_the_claim(geoparser):
    found = claims(geoparser, "دمشق تنفي سيطرة المعارضة على مدينة حلب.")
    assert [(c.actor, c.relation, c.place.name, c.stance) for c in found] == [("Rebels", "control", "Aleppo", "denied")]


def test_a_claim_told_as_a_claim_is_alleged(geoparser):
    found = claims(geoparser, "زعم تنظيم داعش أن مقاتليه سيطروا على مدينة السخنة.")
    assert [(c.actor, c.relation, c.stance) for c in found] == [("ISIS", "control", "alleged")]


@pytest.mark.parametrize("aim, deed", [
    ("تسعى قوات سوريا الديمقراطية إلى السيطرة على مدينة الرقة.", "سيطرت قوات سوريا الديمقراطية على مدينة الرقة."),
    ("وتستعد قوات النظام لاقتحام مدينة دوما.", "واقتحمت قوات النظام مدينة دوما."),
    ("تهدف العملية إلى استعادة مدينة الموصل.", "أعلن الجيش العراقي استعادة مدينة الموصل."),
])
def test_an_aim_is_no_deed(geoparser, aim, deed):
    assert claims(geoparser, aim) == []
    assert claims(geoparser, deed) != []


def test_an_attempt_to_take_a_place_is_a_fight_for_it(geoparser):
    assert triples(geoparser, "حاولت قوات النظام السيطرة على بلدة اللطامنة.") == {("Syrian government", "contested", "al-Latamneh")}


# ---- our own small evaluation: paragraphs in the shapes of Arabic news, with the claims a careful reader takes
def test_claims_of_our_arabic_paragraphs(geoparser, capsys):
    from benchmarks.own_texts import extract_units, read_gold, score

    figure = score(read_gold(DATA), extract_units(DATA, geoparser))
    with capsys.disabled():
        print(f"\nArabic paragraphs: claim recall {figure.recall:.2f} ({figure.found}/{figure.required}), "
              f"precision {figure.precision:.2f} ({figure.correct}/{figure.units})")
    assert figure.recall >= 0.70 and figure.precision >= 0.75
