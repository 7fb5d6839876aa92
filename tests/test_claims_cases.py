"""Claim rules on short texts written for the tests: relations, stance, attribution, negation."""
from geo.model import Document
from geo.pipeline import extract


def claims(text):
    return extract(Document("t", text))[1]


def triples(text):
    return {(c.actor, c.relation, c.place.name, (c.to_place.name if c.to_place else None), c.stance) for c in claims(text)}


def test_relations():
    assert ("SDF", "control", "Tabqa", None, "asserted") in triples("The SDF captured Tabqa on Wednesday.")
    assert ("ISIS", "lost", "Mosul", None, "asserted") in triples("ISIS lost Mosul in July.")
    assert ("Syrian government", "contested", "Deir ez-Zor", None, "asserted") in triples(
        "Government forces besieged Deir ez-Zor for weeks.")
    assert ("Syrian government", "advance", "Abu Kamal", None, "asserted") in triples(
        "The Syrian army advanced toward Albukamal.")
    assert ("Russia", "strike", "al-Mayadin", None, "asserted") in triples("Russian jets bombed al-Mayadin.")
    assert ("ISIS", "presence", "Raqqa", None, "asserted") in triples("ISIS fighters are holed up in Raqqa.")


def test_corridor_from_to():
    found = triples("A convoy of ISIS fighters moved from Raqqa to Deir ez-Zor under a deal.")
    assert ("ISIS", "corridor", "Raqqa", "Deir ez-Zor", "alleged") in found


def test_stances_and_negation():
    assert {c.stance for c in claims("ISIS reportedly holds al-Mayadin.")} == {"alleged"}
    assert {c.stance for c in claims("Damascus called the SDF capture of Raqqa bogus.")} == {"disputed"}
    denied = claims("There were no coalition air strikes on Raqqa on Monday.")
    assert [(c.actor, c.relation, c.stance) for c in denied] == [("United States", "strike", "denied")]


def test_a_denial_denies_the_claim_before_it():
    text = ("According to unconfirmed reports, ISIS fighters were given safe passage from Raqqa to Deir ez-Zor. "
            "An SDF spokesman denies the existence of any deal.")
    found = claims(text)
    stances = [(c.relation, c.place.name, (c.to_place.name if c.to_place else None), c.stance) for c in found]
    assert ("corridor", "Raqqa", "Deir ez-Zor", "alleged") in stances
    assert ("corridor", "Raqqa", "Deir ez-Zor", "denied") in stances
    denial = next(c for c in found if c.stance == "denied")
    assert denial.text.startswith("An SDF spokesman") and "SDF" in denial.attribution


def test_attribution():
    claim = claims("The SDF captured Tabqa, the Syrian Observatory for Human Rights said.")[0]
    assert claim.attribution == "SOHR"  # normalised to the short name
    claim = claims("According to the SDF media centre, the SDF took control of Manbij.")[0]
    assert claim.attribution == "SDF" and claim.stance == "asserted"


def test_passive_and_actor_after():
    found = triples("The border crossing of al-Tanf, occupied by the US forces, stays closed.")
    assert ("United States", "control", "al-Tanf", None, "asserted") in found
