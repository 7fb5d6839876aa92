"""Arabic script: the same places from an Arabic text as from its English version, offsets into
the original text, clitics and the article folded away; scripts we do not read are reported."""
import warnings

import pytest

from geo.geoparse.normalize import arabic_token_key, name_key
from geo.geoparse.parser import UnreadScriptWarning
from geo.model import Document

# (Arabic, English): written for these tests; each pair names the same places in the same order
PAIRS = [
    ("سيطرت القوات على الرقة بعد معارك في الطبقة.",
     "The forces took Raqqa after battles in Tabqa."),
    ("قصفت الطائرات كفرنبل وخان شيخون قرب إدلب.",
     "Jets struck Kafr Nabl and Khan Shaykhun near Idlib."),
    ("اشتباكات في دير الزور والميادين والبوكمال.",
     "Clashes in Deir ez-Zor, al-Mayadin and Abu Kamal."),
    ("وصلت التعزيزات إلى الموصل وتلعفر وسنجار قادمة من بغداد.",
     "Reinforcements reached Mosul, Tal Afar and Sinjar from Baghdad."),
    ("انفجار في حلب وفي دمشق واللاذقية وحمص وحماة.",
     "An explosion in Aleppo and in Damascus, Latakia, Homs and Hama."),
    ("معارك بالرقة وللموصل وفي الفلوجة والرمادي وكركوك والأنبار.",
     "Battles in Raqqa and Mosul and in Fallujah, Ramadi, Kirkuk and Anbar."),
    ("نزح السكان من محافظة الحسكة نحو القامشلي.",
     "People fled Hasakah governorate towards Qamishli."),
]


def parse(geoparser, text):
    return geoparser.parse(Document("t", text))


def placed(geoparser, text):
    return [m.place_id for m in parse(geoparser, text) if m.role == "place"]


@pytest.mark.parametrize("arabic, english", PAIRS, ids=lambda v: v[:12])
def test_arabic_text_gives_the_places_of_its_english_version(geoparser, arabic, english):
    assert placed(geoparser, arabic) == placed(geoparser, english)
    assert placed(geoparser, english)  # not two empty lists


def test_offsets_point_into_the_original_text(geoparser):
    text = "وقال إن الغارات استهدفت بالرَّقَّة مواقع عدة."  # with harakat (shadda, fatha)
    mentions = [m for m in parse(geoparser, text) if m.role == "place"]
    assert [m.name for m in mentions] == ["Raqqa"]
    assert text[mentions[0].start:mentions[0].end] == mentions[0].surface == "بالرَّقَّة"


def test_mixed_document(geoparser):
    text = "Fighting in الرقة and in Raqqa, and shelling on حلب."
    assert [(m.surface, m.name) for m in parse(geoparser, text) if m.role == "place"] == [
        ("الرقة", "Raqqa"), ("Raqqa", "Raqqa"), ("حلب", "Aleppo")]


def places(geoparser, text):
    return [(m.surface, m.name, m.precision) for m in parse(geoparser, text) if m.role == "place"]


def test_the_countryside_of_a_governorate_seat_is_the_governorate(geoparser):
    assert [(m.name, m.precision) for m in parse(geoparser, "قصف على ريف إدلب وبريف حلب الشمالي.") if m.role == "place"] == [
        ("Idlib Governorate", 3), ("Aleppo Governorate", 3)]
    assert places(geoparser, "قصفت الطائرات قرى في ريف دير الزور الشرقي.") == [("دير الزور", "Deir ez-Zor Governorate", 3)]
    # 'ريف دمشق' is the governorate around the capital (the gazetteer's 'Damascus countryside')
    assert places(geoparser, "غارات على ريف دمشق الغربي.") == [("دمشق", "Rif Dimashq Governorate", 3)]
    # 'محافظة X', with harakat and without hamza, also when the gazetteer holds the whole phrase
    assert [(m.name, m.precision) for m in parse(geoparser, "سيطرت القوات على مُحافَظة ادلب وريـف حَماة.") if m.role == "place"] == [
        ("Idlib Governorate", 3), ("Hama Governorate", 3)]
    # a town that heads no governorate: its countryside is near it
    assert places(geoparser, "اشتباكات في ريف منبج.") == [("منبج", "Manbij", 2)]
    # the city is the city
    assert places(geoparser, "دخلت القوات مدينة إدلب.") == [("إدلب", "Idlib", 1)]


def test_a_near_word_before_the_kind_of_place_is_near(geoparser):
    assert places(geoparser, "اشتباكات في محيط مدينة منبج وقرب بلدة تل أبيض.") == [
        ("منبج", "Manbij", 2), ("تل أبيض", "Tell Abyad", 2)]


@pytest.mark.parametrize("text, site", [
    ("انسحب عناصر التنظيم من سد الفرات.", ("سد الفرات", "Tabqa Dam", 1)),
    ("اقتحم المسلحون مصفاة بيجي فجر اليوم.", ("مصفاة بيجي", "Baiji refinery", 1)),
    ("سيطرت القوات على مطار الطبقة بعد معارك.", ("مطار الطبقة", "Tabqa airbase", 1)),
])
def test_a_site_word_before_a_place_is_the_site_named_after_it(geoparser, text, site):
    assert places(geoparser, text) == [site]


def test_a_site_the_gazetteer_lacks_is_near_the_place_it_is_named_after(geoparser):
    # 'جزيرة' (island) is no Jazira region; the island of Samarra is near Samarra
    assert places(geoparser, "وصلت القوات إلى جزيرة سامراء.") == [("سامراء", "Samarra", 2)]
    # 'مفرق' (junction) is no Mafraq in Jordan; the junction is near the town it leads to
    assert [(m.name, m.precision) for m in parse(geoparser, "اشتباكات عند مفرق الجزرة في الرقة.") if m.role == "place"] == [
        ("al-Jazra", 2), ("Raqqa", 1)]


@pytest.mark.parametrize("text", [
    "اندلعت اشتباكات عنيفة في الشوارع.",  # 'violent': the village Anifiyah
    "وقالت وسائل إعلام كردية إن الهجوم فشل.",  # 'Kurdish': Kurdiyah
    "وقال مختار القرية إن الطائرات الحربية حلقت فوقها.",  # 'headman', 'military'
    "وأصيب شخصان بجروح طفيفة.",  # 'with wounds': Jeruh
])
def test_a_common_arabic_word_is_no_place_without_a_place_noun(geoparser, text):
    assert [m for m in parse(geoparser, text) if m.role in ("place", "unresolved")] == []


def test_a_place_noun_makes_a_common_word_a_place(geoparser):
    assert [(m.name, m.kind) for m in parse(geoparser, "قصفت المدفعية قرية عنيفة.") if m.role == "place"] == [
        ("Anifiyah", "village")]


def test_the_kind_noun_picks_the_namesake(geoparser):
    # 'ناحية' is a sub-district
    assert [(m.name, m.kind) for m in parse(geoparser, "قصف الطيران تجمعات في ناحية كبيسة.") if m.role == "place"] == [
        ("Kubaisa Subdistrict", "subdistrict")]
    # 'حي الزهراء' (the Zahraa neighbourhood) in Aleppo, not one of the villages so named
    assert [(m.name, m.kind) for m in parse(geoparser, "قصف على حي الزهراء في مدينة حلب.") if m.role == "place"][0] == (
        "Az-Zahraa", "neighbourhood")


def test_a_neighbourhood_the_gazetteer_lacks_is_part_of_the_town_named_after_it(geoparser):
    assert places(geoparser, "وصلت القوات إلى حي التأميم في مدينة الرمادي.") == [
        ("التأميم", "Ramadi", 2), ("الرمادي", "Ramadi", 1)]
    assert places(geoparser, "تقدمت القوات في حي الزهراء على الضفة اليسرى لمدينة الموصل.") == [
        ("الزهراء", "Mosul", 2), ("الموصل", "Mosul", 1)]
    # one the gazetteer holds in that town stays itself
    assert places(geoparser, "قصف على حي الزهراء في مدينة حلب.")[0][1] == "Az-Zahraa"


def test_a_name_after_a_place_noun_that_the_gazetteer_lacks_is_unresolved(geoparser):
    assert [(m.surface, m.role) for m in parse(geoparser, "وقالت قسد إنها صدت هجوما على قرية أم الكيف.")] == [
        ("أم الكيف", "unresolved")]
    # and a quarter of that kind is a part of the town named after it
    assert places(geoparser, "دخل المسلحون حي المعلمين في مدينة الرمادي.") == [
        ("المعلمين", "Ramadi", 2), ("الرمادي", "Ramadi", 1)]
    # a noun with the article, or an adjective without it, describes: no name
    assert parse(geoparser, "وقصفت الطائرات القرية المجاورة ومدينة كبيرة بعشرات الغارات.") == []


def test_ta_marbuta_written_as_ha_in_running_text(geoparser):
    # the nouns and the common words are known in that spelling too ('ناحيه' is no village An Nahiyah)
    assert [m.name for m in parse(geoparser, "قصف في محافظه ادلب وناحيه كبيسه.") if m.role == "place"] == [
        "Idlib Governorate", "Kubaisa Subdistrict"]
    assert [m.name for m in parse(geoparser, "معارك عنيفه في الرقه.") if m.role in ("place", "unresolved")] == ["Raqqa"]


def test_arabic_place_nouns_are_validated(tmp_path, use_settings):
    from geo.geoparse.context import arabic_place_nouns

    (tmp_path / "words.toml").write_text('[[arabic_place_noun]]\nwords = ["سد"]\nreads = "site"\n', encoding="utf-8")
    use_settings(lexicon_dir=tmp_path)
    arabic_place_nouns.cache_clear()
    try:
        with pytest.raises(ValueError, match="sites are given"):
            arabic_place_nouns()
    finally:
        arabic_place_nouns.cache_clear()


def test_arabic_organisations_and_common_words_are_not_places(geoparser):
    text = "قالت قوات سوريا الديمقراطية إن الهجوم في الريف الجنوبي فشل."
    assert [m for m in parse(geoparser, text) if m.role == "place"] == []


@pytest.mark.parametrize("spellings", [
    ("الرقة", "الرقه", "الرّقّة", "بالرقة", "والرقة", "للرقة", "فالرقة"),
    ("إدلب", "ادلب", "أدلب", "وإدلب"[1:]),
    ("الموصل", "وللموصل", "بالموصل"),
    ("الحسكة", "الحسكه", "الحسـكة"),  # tatweel
    ("دير الزور", "دير الزّور"),
    ("البوكمال", "البوكمال"),
    ("مستشفى", "مستشفي"),  # alef maqsura
    ("مؤتة", "موته"),  # hamza on waw
])
def test_arabic_spellings_share_a_key(spellings):
    assert len({name_key(s) for s in spellings}) == 1, {s: name_key(s) for s in spellings}


def test_arabic_key_keeps_a_word_that_only_starts_like_an_article():
    assert arabic_token_key("ال") == "ال"
    assert arabic_token_key("الباب") == "باب"
    assert name_key("الرقة") != name_key("الرمادي")


def test_geocoder_takes_arabic(geoparser):
    from geo.geocoders import OfflineGazetteer

    location = OfflineGazetteer(geoparser.index).geocode("الرقة")
    assert location is not None and location.raw["name"] == "Raqqa"


def test_a_script_we_do_not_read_gets_a_warning(geoparser):
    with pytest.warns(UnreadScriptWarning, match="Cyrillic"):
        parse(geoparser, "Бои в Ракке и в Алеппо продолжались несколько дней подряд.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse(geoparser, "Fighting in Raqqa; في الرقة; Ḥalab, Şanlıurfa.")  # Latin and Arabic: no warning
