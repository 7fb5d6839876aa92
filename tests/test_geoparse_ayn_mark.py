"""The mark of an ʿayn or hamza that opens a word after an article ("al-'Ayd", "Ras al ‘Ayn") is
a letter of the name: the name is matched whole. Sentences written for these tests."""
from geo.geoparse.matcher import find_names
from geo.model import Document


def test_a_name_whose_last_word_opens_with_an_ayn_mark_is_matched_whole(geoparser):
    text = "Marines ferried SDF fighters to Jazirat al-'Ayd before dawn."
    found = {m.surface: m for m in geoparser.parse(Document("t", text))}
    island = found["Jazirat al-'Ayd"]
    assert island.role == "place" and abs(island.lat - 35.85) < 0.05 and abs(island.lon - 38.48) < 0.05


def test_the_mark_may_be_a_curly_quote_after_a_space(geoparser):
    hits = find_names("Shelling struck Ras al ‘Ayn overnight.", geoparser.index.automaton, lowercase=False)
    assert [h.surface for h in hits] == ["Ras al ‘Ayn"]


def test_a_quotation_mark_after_a_name_still_ends_it(geoparser):
    hits = find_names("They called it 'Raqqa' and left.", geoparser.index.automaton, lowercase=False)
    assert [h.surface for h in hits] == ["Raqqa"]
