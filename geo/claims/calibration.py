"""Calibrated confidence of claims (placeholder: confidence as extracted)."""
DEFAULT_MIN_CONFIDENCE = 0.0
