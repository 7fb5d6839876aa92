"""Calibrated confidence (geo.claims.calibration) and the --min-confidence filter."""
import json
import subprocess
import sys
from pathlib import Path

from geo.claims import ClaimExtractor
from geo.claims.calibration import DEFAULT_MIN_CONFIDENCE, SUGGESTED_MIN_CONFIDENCE, LONG_FORM, calibrate, confidence, features, model
from geo.model import Claim, Document, Place
from geo.pipeline import default_geoparser

ROOT = Path(__file__).resolve().parent.parent

# our own long-form text: an offensive told over several paragraphs
STORY = ("Government forces captured the town of Khanasir on Friday after two days of clashes with rebels. "
         "The army then advanced towards Saraqeb. ") * 12


def _claim(**kw):
    base = dict(doc="d", start=0, end=40, text="Rebels captured Saraqeb on Friday.", actor="Rebels", relation="control",
                place=Place("th:x", "Saraqib", "town", 35.8, 36.8, "SY"), stance="asserted", confidence=0.75,
                place_start=16, place_end=23)
    base.update(kw)
    return Claim(**base)


def test_the_shipped_model_is_small_and_its_default_a_share():
    m = model()
    assert m["weights"] and len(m["weights"]) < 60
    assert 0.0 < SUGGESTED_MIN_CONFIDENCE < 1.0 and DEFAULT_MIN_CONFIDENCE == 0.0  # shown, not applied by default


def test_features_say_how_the_claim_was_found():
    named = features(_claim(), {"th:x": "town"}, 1)
    carried = features(_claim(confidence=0.55, place_start=-1), {"th:x": "governorate"}, 4)
    assert "actor_named" in named and "kind:town" in named
    assert {"actor_carried", "place_elsewhere", "kind:region", "crowded"} <= set(carried)
    # a claim that names its actor is worth more than one whose doer nobody names
    unnamed = features(_claim(actor="Unidentified armed group"), {"th:x": "town"}, 1)
    assert "unidentified" in unnamed and confidence(named) > confidence(unnamed)


def test_short_notes_keep_the_rules_confidence_and_long_texts_are_calibrated():
    claims = [_claim()]
    assert calibrate(claims, {"th:x": "town"}, LONG_FORM) == claims
    out = calibrate(claims, {"th:x": "town"}, LONG_FORM + 1)
    assert out[0].confidence == round(confidence(features(claims[0], {"th:x": "town"}, 1)), 2)


def test_the_extractor_calibrates_long_documents_only():
    doc = Document("story", STORY)
    mentions = default_geoparser().parse(doc)
    raw = ClaimExtractor(calibrated=False).extract(doc, mentions)
    calibrated = ClaimExtractor().extract(doc, mentions)
    assert raw and len(raw) == len(calibrated)
    assert {c.confidence for c in raw} != {c.confidence for c in calibrated}
    assert all(0.0 < c.confidence < 1.0 for c in calibrated)


def test_min_confidence_filters_the_command_line(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")

    def run(*extra):
        r = subprocess.run([sys.executable, "-m", "geo", "claims", str(tmp_path), *extra], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        return [json.loads(line) for line in r.stdout.splitlines()]

    every = run("--min-confidence", "0")
    assert every
    assert run("--min-confidence", "0.99") == []
    kept = run()
    assert all(c["confidence"] >= DEFAULT_MIN_CONFIDENCE for c in kept)
    assert len(kept) == sum(1 for c in every if c["confidence"] >= DEFAULT_MIN_CONFIDENCE)


def _trainer():
    import importlib.util
    spec = importlib.util.spec_from_file_location("train_calibration", ROOT / "tools" / "train_calibration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_trainer_scores_each_text_by_a_model_trained_without_it():
    tc = _trainer()
    # text 'a': the feature 'good' marks right claims; text 'b' has no 'good' claim at all
    data = [(["bias", "good"], True, {}, "a")] * 8 + [(["bias"], False, {}, "a")] * 8 + \
           [(["bias"], False, {}, "b")] * 4 + [(["bias"], True, {}, "b")] * 4
    held = tc.held_out(data, 1.0)
    # b's claims are scored by a model that saw only a: 'bias' alone there was always wrong
    assert all(p < 0.5 for p, (_, _, _, stem) in zip(held, data) if stem == "b")
    # a's claims by a model that saw only b: no 'good' weight learnt, one share for all
    assert len({round(p, 6) for p, (_, _, _, stem) in zip(held, data) if stem == "a"}) == 1
    rows = tc.reliability(held, data)
    assert sum(n for _, n, _, _ in rows) == len(data)
    assert all(0.0 <= mean <= 1.0 and 0.0 <= share <= 1.0 for _, _, mean, share in rows)
    assert tc.log_loss(held, data) > tc.log_loss([0.5] * len(data), data)  # out of sample it does worse than a coin
