"""The service layer: the use cases the command line and the app share, on real files."""
from __future__ import annotations

import json
from pathlib import Path

import geopandas
import pytest

from geo import service
from geo.settings import Settings, current, using

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def reviewed_workspace(tmp_path_factory):
    """The demo corpus in a workspace, one claim confirmed and one rejected."""
    path = tmp_path_factory.mktemp("service") / "w.gpkg"
    errors = []
    with service.open_workspace(str(path)) as ws:
        added, same, analysed = service.ingest_and_analyse(ws, [DEMO], "rana", errors.append)
        assert (added, same, analysed, errors) == (12, 0, 12, [])
        first, second = service.analyse_workspace(ws).analysis.claims[:2]
        reviewed = service.analyse_workspace(ws)
        service.correct_claim(ws, reviewed.claim_id(first), "confirm", "rana")
        service.correct_claim(ws, reviewed.claim_id(second), "reject", "sami")
    return path


def claim_rows(path: Path, fmt: str) -> list[dict]:
    if fmt == "csv":
        import csv

        with open(path, newline="", encoding="utf-8") as handle:
            return [{**row, "confidence": float(row["confidence"])} for row in csv.DictReader(handle)]
    if fmt == "geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return [f["properties"] for f in features if f["properties"]["layer"] == "claim"]
    frame = geopandas.read_parquet(path / "claim") if fmt == "parquet" else geopandas.read_file(path, layer="claim")
    return frame.drop(columns="geometry").to_dict("records")


def test_every_export_format_carries_the_same_claim_columns(reviewed_workspace, tmp_path):
    """One export path: GeoJSON, GeoPackage, GeoParquet and CSV give each claim its id, its review
    and its confidence alike (the parquet export once lost claim_id and review)."""
    rows = {}
    with service.open_workspace(str(reviewed_workspace), create=False) as ws:
        reviewed = service.analyse_workspace(ws)
        for fmt, name in (("geojson", "out.geojson"), ("gpkg", "out.gpkg"), ("parquet", "out.parquet"),
                          ("csv", "out.csv")):
            done = service.export(reviewed.analysis, tmp_path / name, fmt, reviewed, ws)
            assert done.rejected == 1 and done.edit_log == tmp_path / (Path(name).stem + ".edit-log.csv")
            rows[fmt] = claim_rows(tmp_path / name, fmt)
    columns = {fmt: [(r["claim_id"], r["review"], round(r["confidence"], 6)) for r in found]
               for fmt, found in rows.items()}
    assert columns["geojson"] == columns["gpkg"] == columns["parquet"] == columns["csv"]
    assert len(columns["geojson"]) == len(reviewed.analysis.claims) > 10
    reviews = [review for _, review, _ in columns["geojson"] if review]
    assert len(reviews) == 1 and reviews[0].startswith("confirmed by rana")
    assert len({claim_id for claim_id, _, _ in columns["geojson"]}) == len(columns["geojson"])
    edit_log = geopandas.read_file(tmp_path / "out.gpkg", layer="edit_log")
    assert list(edit_log["author"])[-2:] == ["rana", "sami"] and len(edit_log) == 14  # 12 documents added, 2 corrections


def test_an_export_of_files_has_no_review_columns(tmp_path):
    docs = list(service.read_documents([DEMO / "01_rojava-frontline.txt"], on_error=pytest.fail))
    analysis = service.analyse(docs)
    done = service.export(analysis, tmp_path / "a.geojson", service.export_format("a.geojson", None))
    (row, *_) = claim_rows(done.path, "geojson")
    assert "claim_id" not in row and "confidence" in row and done.edit_log is None
    done = service.export(analysis, tmp_path / "a.csv", service.export_format("a.csv", None))
    rows = claim_rows(done.path, "csv")
    assert len(rows) == len(analysis.claims) > 0 and set(rows[0]) == set(row) - {"layer"}


def test_a_bad_request_is_a_usage_error_before_any_work(tmp_path):
    with pytest.raises(service.UsageError, match="contradicts"):
        service.export_format("x.gpkg", "parquet")
    with pytest.raises(service.UsageError, match="use one or the other"):
        service.time_window(service.analyse([]), as_of="2017-05-01", start="2017")
    with pytest.raises(ValueError):
        service.checked_date("May 2017")


def test_claim_ids_find_their_claims_kept_or_rejected(reviewed_workspace):
    with service.open_workspace(str(reviewed_workspace), create=False) as ws:
        reviewed = service.analyse_workspace(ws)
        rejected = reviewed.corrected.rejected[0][0]
        for claim in (reviewed.analysis.claims[0], rejected):
            found, sha = service.find_claim(ws, reviewed.claim_id(claim))
            assert sha == reviewed.hashes[claim.doc] and found.start == claim.start
        with pytest.raises(service.NotFound, match="no claim"):
            service.find_claim(ws, "c0000000000")


def test_places_are_looked_up_in_the_gazetteer_and_the_workspace(reviewed_workspace):
    (raqqa, *_) = service.geocode("Raqqa")
    assert raqqa["place_id"] == "th:raqqa" and service.geocode("Nowhereville") == []
    assert any(p["place_id"] == "th:raqqa" for p in service.place_candidates("ar-Raqqah"))
    with service.open_workspace(str(reviewed_workspace), create=False) as ws:
        assert service.place_values(ws, "th:raqqa")["name"] == "Raqqa"
        assert service.place_values(ws, "th:no-such-place") is None


def test_the_workspace_version_follows_its_own_gazetteer_and_the_settings(tmp_path):
    from geo.workspace import LocalPlace

    with service.open_workspace(str(tmp_path / "w.gpkg")) as ws:
        plain = service.workspace_version(ws)
        assert plain == service.analyser_version()
        with using(Settings(cache_dir=current().cache_dir, syntax=True)):
            assert service.workspace_version(ws) != plain
        ws.add_place(LocalPlace(0, "Tell Foo", 36.0, 40.0, "village", "SY", "", ("Tell Foo",), "rana"))
        assert service.workspace_version(ws).startswith(plain + "+ws")


def test_a_backup_is_a_workspace_with_the_same_documents(reviewed_workspace, tmp_path):
    done = service.backup(str(reviewed_workspace), str(tmp_path / "copy.gpkg"))
    assert (done.documents, done.corrections) == (12, 2)
    with service.open_workspace(str(done.path), create=False) as copy:
        assert len(copy.documents()) == 12
