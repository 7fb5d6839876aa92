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


def test_countryside_in_arabic_is_near(geoparser):
    mentions = [m for m in parse(geoparser, "قصف على ريف إدلب وبريف حلب.") if m.role == "place"]
    assert [(m.name, m.precision) for m in mentions] == [("Idlib", 2), ("Aleppo", 2)]


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
