"""Discourse of long-form reporting, on sentences written for these tests: lists that name places
the gazetteer lacks, participles after a comma, sources carried across a paragraph."""
from geo.claims import ClaimExtractor
from geo.model import Document
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def claims(text, long_form=True):
    doc = Document("t", text + ("\n\n" + FILLER if long_form else ""))
    return [c for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc)) if c.start < len(text)]


def triples(text, long_form=True):
    return {(c.actor, c.relation, c.place) for c in claims(text, long_form)}


# lists: a name nobody found keeps the list going; 'the villages of A, B and C' is all of them
def test_a_list_goes_on_past_a_name_the_gazetteer_lacks():
    got = triples("Government troops pushed ISIS militants out of the farmland south of Deir ez-Zor, "
                  "retaking control of the villages of Muhassan, Bughayliyah Qadimah and Tabni.")
    assert {("Syrian government", "control", "Muhasan"), ("Syrian government", "control", "Tabni")} <= got
    assert not any(rel == "contested" for _, rel, _ in got)


# comma-participle: '..., capturing X' is done by the main clause's subject, not the object before it
def test_a_participle_after_a_comma_takes_the_main_subject():
    got = triples("Army units launched an operation to clear ISIS fighters from the river bank, "
                  "capturing the villages of Muhassan, Zarzur Kabir and Tabni.")
    assert ("Syrian government", "control", "Tabni") in got
    assert not any(actor == "ISIS" for actor, _, _ in got)
