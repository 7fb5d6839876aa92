"""The workspace file: ingest, re-analysis of what changed, corrections that hold, exports."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas
import pyogrio
import pytest

from docfiles import docx_bytes, pdf_bytes
from geo.documents import iter_sources, source_of
from geo.workspace import LocalPlace, WorkspaceError, claim_anchor, mention_anchor, open_workspace

ROOT = Path(__file__).resolve().parent.parent


def geo(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "GEO_AUTHOR": "rana", **(env or {})})


def claims_of(ws_path: Path) -> list[dict]:
    run = geo("claims", "--workspace", ws_path)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_stored_mentions_and_claims_come_back_equal(tmp_path, seed_docs):
    from geo.pipeline import extract

    with open_workspace(tmp_path / "w.gpkg") as ws:
        for source in iter_sources([seed_docs[0].path]):
            stored, added = ws.add_source(source, "rana")
            assert added
        mentions, claims = extract(stored.document)
        ws.save_analysis(stored, mentions, claims, "v1")
    with open_workspace(tmp_path / "w.gpkg", create=False) as ws:
        # what is stored is the flat row: the places as their columns give them (id, name, kind, point, country)
        assert [m.to_dict() for m in ws.mentions()] == [m.to_dict() for m in mentions]
        assert [c.to_dict() for c in ws.claims()] == [c.to_dict() for c in claims]
        assert [m.place_id for m in ws.mentions()] == [m.place_id for m in mentions]
        assert ws.needing_analysis("v1") == [] and len(ws.needing_analysis("v2")) == 1
        assert ws.documents()[0].document.text == seed_docs[0].text


def test_new_model_fields_become_columns(tmp_path):
    """A field the table lacks (as when the model grows) is added as a column on the next open."""
    path = tmp_path / "w.gpkg"
    open_workspace(path).close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE claims DROP COLUMN attribution")
    db.commit()
    db.close()
    with open_workspace(path) as ws:
        columns = {r[1] for r in ws.db.execute("PRAGMA table_info(claims)")}
        assert "attribution" in columns
        # the program's bookkeeping is counted, but is no analyst's edit
        assert any(e["action"] == "add_column" for e in ws.events())
        assert not any(e["action"] == "add_column" for e in ws.edit_log())


def test_ingest_is_idempotent_and_a_changed_file_is_a_new_version(tmp_path, shared):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted((shared / "seeds").glob("*.txt"))[:3]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    ws_path = tmp_path / "w.gpkg"
    first = geo("ingest", corpus, "--workspace", ws_path)
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 already there, 3 analysed" in first.stderr
    again = geo("ingest", corpus, "--workspace", ws_path)
    assert "0 added, 3 already there, 0 analysed" in again.stderr
    changed = sorted(corpus.glob("*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKurdish forces entered Manbij.", encoding="utf-8")
    third = geo("ingest", corpus, "--workspace", ws_path)
    assert "1 added, 2 already there, 1 analysed" in third.stderr
    assert f"analysed {changed.stem}" in third.stderr
    with open_workspace(ws_path) as ws:
        docs = {d.document.id: d for d in ws.documents()}
        assert len(docs) == 3 and docs[changed.stem].version == 2
        assert "Manbij" in docs[changed.stem].document.text
        assert any(m.name == "Manbij" for m in ws.mentions())


def test_other_formats_are_ingested_with_places_found(tmp_path):
    (tmp_path / "memo.docx").write_bytes(docx_bytes(["Government troops shelled Daraa on Sunday."]))
    (tmp_path / "wire.pdf").write_bytes(pdf_bytes(["Kurdish forces advanced on Raqqa."]))
    (tmp_path / "note.txt").write_bytes("The SDF \u201ccaptured\u201d Tabqa.".encode("cp1252"))
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    ws_path = tmp_path / "w.gpkg"
    run = geo("ingest", tmp_path, "--workspace", ws_path)
    assert run.returncode == 1  # one file could not be read ...
    assert "bad.pdf" in run.stderr and "3 added" in run.stderr  # ... the others were ingested
    with open_workspace(ws_path) as ws:
        kinds = {d.document.id: (d.kind, d.encoding) for d in ws.documents()}
        assert kinds == {"memo": ("docx", "docx"), "wire": ("pdf", "pdf"), "note": ("text", "cp1252")}
        placed = {(m.doc, m.name) for m in ws.mentions() if m.role == "place"}
    assert {("memo", "Daraa"), ("wire", "Raqqa"), ("note", "Tabqa")} <= placed


def test_corrections_hold_across_reingest_and_appear_in_exports(tmp_path, shared):
    """The issue's done-when, by the command line: reject a claim, re-place a mention, ingest the
    same files again: both hold, in the claims and in GeoJSON and GeoPackage exports."""
    ws_path = tmp_path / "w.gpkg"
    assert geo("ingest", shared / "seeds", "--workspace", ws_path).returncode == 0
    claims = claims_of(ws_path)
    victim = next(c for c in claims if c["relation"] == "control")
    moved = next(c for c in claims if c["place_start"] >= 0 and c["claim_id"] != victim["claim_id"])
    run = geo("correct", "reject", victim["claim_id"], "--workspace", ws_path)
    assert run.returncode == 0, run.stderr
    run = geo("correct", "place", moved["doc"], moved["place_start"], moved["place_end"], "--lonlat", "40.5", "34.5",
              "--name", "Somewhere else", "--workspace", ws_path)
    assert run.returncode == 0, run.stderr
    run = geo("correct", "set", moved["claim_id"], "--stance", "denied", "--workspace", ws_path)
    assert run.returncode == 0, run.stderr

    again = geo("ingest", shared / "seeds", "--workspace", ws_path)
    assert "0 added, 5 already there" in again.stderr
    after = {c["claim_id"]: c for c in claims_of(ws_path)}
    assert victim["claim_id"] not in after and len(after) == len(claims) - 1
    fixed = after[moved["claim_id"]]
    assert (fixed["place"], fixed["lon"], fixed["lat"], fixed["stance"]) == ("Somewhere else", 40.5, 34.5, "denied")
    assert "re-placed at Somewhere else by rana on" in fixed["review"] and "stance set to 'denied'" in fixed["review"]

    geojson, gpkg = tmp_path / "out.geojson", tmp_path / "out.gpkg"
    assert geo("export", "--workspace", ws_path, "-o", geojson).returncode == 0
    assert geo("export", "--workspace", ws_path, "-o", gpkg).returncode == 0
    for path in (geojson, gpkg):
        frame = pyogrio.read_dataframe(path, layer="claim") if path == gpkg else \
            pyogrio.read_dataframe(path).query("layer == 'claim'")
        assert victim["claim_id"] not in set(frame["claim_id"])
        row = frame[frame["claim_id"] == moved["claim_id"]].iloc[0]
        assert (round(row.geometry.x, 3), round(row.geometry.y, 3)) == (40.5, 34.5) and row["stance"] == "denied"
    parquet = tmp_path / "out.parquet"  # the parquet export carries the same review columns
    run = geo("export", "--workspace", ws_path, "-o", parquet, "--format", "parquet")
    assert run.returncode == 0, run.stderr
    frame = geopandas.read_parquet(parquet / "claim")
    assert victim["claim_id"] not in set(frame["claim_id"])
    assert "stance set to 'denied'" in frame.set_index("claim_id").loc[moved["claim_id"], "review"]
    log = pyogrio.read_dataframe(gpkg, layer="edit_log", read_geometry=False)
    assert {"correct:reject", "correct:place", "correct:set"} <= set(log["action"])
    assert all(log["author"]), "the edit log holds the analyst's edits only, each with its author"
    csv_log = (tmp_path / "out.edit-log.csv").read_text(encoding="utf-8")
    assert "correct:reject" in csv_log and "correct:place" in csv_log
    # the workspace itself is a GeoPackage with the derived layers and the corrected claim in place
    layers = {name for name, _ in pyogrio.list_layers(ws_path)}
    assert {"documents", "mentions", "claims", "places", "zones", "corridors", "corrections", "edit_log"} <= layers
    places = pyogrio.read_dataframe(ws_path, layer="places")
    assert "Somewhere else" in set(places["name"])


def test_changed_actor_and_a_name_that_is_not_a_place(tmp_path):
    from geo.service import analyse_workspace

    text = "The SDF captured Tabqa on Monday. Russian jets struck Idlib."
    with open_workspace(tmp_path / "w.gpkg") as ws:
        ws.add_source(source_of("a.txt", text.encode()), "rana")
        analysis, _, hashes = analyse_workspace(ws)
        control = next(c for c in analysis.claims if c.relation == "control" and c.place.name == "Tabqa")
        ws.add_correction("claim", "set", hashes["a"], claim_anchor(control), {"actor": "Syrian government"}, "rana")
        analysis, corrected, _ = analyse_workspace(ws)
        fixed = next(c for c in analysis.claims if c.relation == "control" and c.place.name == "Tabqa")
        assert fixed.actor == "Syrian government" and corrected.origin[fixed] == control
        assert "actor set to 'Syrian government' by rana" in corrected.notes[fixed][0]
        ws.add_correction("name", "not_place", "", {"name": "TABQA"}, {}, "rana")
        analysis, _, _ = analyse_workspace(ws)
    assert not any(m.surface == "Tabqa" for m in analysis.mentions)
    assert not any(c.place.name == "Tabqa" for c in analysis.claims)
    assert any(c.place.name == "Idlib" for c in analysis.claims)


def test_the_workspace_gazetteer_finds_new_names_and_their_claims(tmp_path):
    """A place the gazetteer lacks, added to the workspace's own layer (with a shorter alias), is
    found in every document after a re-analysis, and claims about it are extracted."""
    from geo.service import analyse_workspace

    text = "The SDF captured Zuwayrat al-Hamra on Monday. Later ISIS fighters attacked Khirbet Umm Sakhr, near Raqqa."
    with open_workspace(tmp_path / "w.gpkg") as ws:
        ws.add_source(source_of("b.txt", text.encode()), "rana")
        before = analyse_workspace(ws)[0]
        # before: neither name is placed ('Khirbet Umm Sakhr' is an unresolved name, which takes the attack)
        assert {m.surface for m in before.mentions if m.role == "place"} == {"Raqqa"}
        assert not any(c.place.name in ("Zuwayrat al-Hamra", "Khirbet Umm Sakhr") for c in before.claims)
        ws.add_place(LocalPlace(0, "Zuwayrat al-Hamra", 35.9, 38.8, "village", "SY", author="rana"))
        ws.add_place(LocalPlace(0, "Khirbet Umm Sakhr", 35.8, 38.9, "village", "SY",
                                names=("Khirbet Umm Sakhr", "Umm Sakhr"), author="rana"))
        after = analyse_workspace(ws)[0]
    placed = {m.surface: m for m in after.mentions if m.role == "place"}
    assert set(placed) == {"Zuwayrat al-Hamra", "Khirbet Umm Sakhr", "Raqqa"}  # the longer name wins
    assert (placed["Zuwayrat al-Hamra"].lat, placed["Zuwayrat al-Hamra"].lon) == (35.9, 38.8)
    assert placed["Zuwayrat al-Hamra"].place_id.startswith("ws:")
    claims = {(c.actor, c.relation, c.place.name) for c in after.claims}
    assert {("SDF", "control", "Zuwayrat al-Hamra"), ("ISIS", "contested", "Khirbet Umm Sakhr")} <= claims


def test_a_claim_correction_shows_who_and_when(tmp_path):
    from geo.service import analyse_workspace

    text = "The SDF captured Tabqa on Monday. Russian jets struck Idlib."
    with open_workspace(tmp_path / "w.gpkg") as ws:
        ws.add_source(source_of("c.txt", text.encode()), "rana")
        analysis, _, hashes = analyse_workspace(ws)
        first, second = analysis.claims[:2]
        ws.add_correction("claim", "confirm", hashes["c"], claim_anchor(first), {}, "sami")
        ws.add_correction("claim", "reject", hashes["c"], claim_anchor(second), {}, "rana")
        analysis, corrected, _ = analyse_workspace(ws)
    assert [n.split(" on ")[0] for n in corrected.notes[analysis.claims[0]]] == ["confirmed by sami"]
    assert [(c, n.split(" on ")[0]) for c, n in corrected.rejected] == [(second, "rejected by rana")]
    assert second not in analysis.claims


def test_a_mention_correction_matches_by_span_and_hash_only(tmp_path):
    """A re-placed mention in one document does not move the same name in another document."""
    from geo.service import analyse_workspace

    with open_workspace(tmp_path / "w.gpkg") as ws:
        ws.add_source(source_of("x.txt", b"Fighting in Raqqa."), "rana")
        ws.add_source(source_of("y.txt", b"Fighting in Raqqa!"), "rana")
        analysis, _, hashes = analyse_workspace(ws)
        target = next(m for m in analysis.mentions if m.doc == "x")
        ws.add_correction("mention", "place", hashes["x"], mention_anchor(target),
                          {"place_id": "pt:1", "name": "Elsewhere", "lat": 1.0, "lon": 2.0}, "rana")
        analysis, _, _ = analyse_workspace(ws)
    names = {m.doc: m.name for m in analysis.mentions}
    assert names == {"x": "Elsewhere", "y": "Raqqa"}


def test_a_server_url_is_refused_with_a_message():
    with pytest.raises(WorkspaceError, match="PostgreSQL"):
        open_workspace("postgresql://db/geo")


def test_fields_the_model_gains_later_are_stored_and_read_back(tmp_path, monkeypatch):
    """Documents with a date and an outlet (as the time stage adds them) round-trip through new columns;
    claims keep theirs (a claim's columns are its flat row: test_new_model_fields_become_columns)."""
    import dataclasses
    import datetime as dt

    from geo.model import Claim, Document, Place
    from geo.workspace import geopackage

    @dataclasses.dataclass(frozen=True)
    class DatedDocument(Document):
        date: dt.date | None = None
        outlet: str = ""

    path = tmp_path / "w.gpkg"
    open_workspace(path).close()  # made with today's model
    monkeypatch.setattr(geopackage, "Document", DatedDocument)
    source = source_of("a.txt", b"The SDF captured Tabqa on Monday.")
    document = DatedDocument(**{**source.document.__dict__, "date": dt.date(2017, 5, 10), "outlet": "RNA"})
    tabqa = Place("th:tabqa", "Tabqa", "town", 35.8, 38.5, "SY")
    claim = Claim("a", 0, 33, "The SDF captured Tabqa on Monday.", "SDF", "control", tabqa, "asserted",
                  place_start=17, place_end=22, date="2017-05-08", date_precision="day", date_source="text")
    with open_workspace(path) as ws:
        stored, _ = ws.add_source(dataclasses.replace(source, document=document), "rana")
        ws.save_analysis(stored, [], [claim], "v1")
    with open_workspace(path) as ws:
        assert ws.documents()[0].document == document
        assert ws.claims() == [claim]
        added = {json.loads(e["detail"])["column"] for e in ws.events() if e["action"] == "add_column"}
        assert "outlet" in added  # "date" was in the documents table from the start


def test_cli_new_place_alias_not_place_and_withdraw(tmp_path):
    (tmp_path / "a.txt").write_text("The SDF captured Zuwayrat al-Hamra. Clashes hit the Old Souq quarter and "
                                    "Homs.", encoding="utf-8")
    ws_path = tmp_path / "w.gpkg"
    assert geo("ingest", tmp_path / "a.txt", "--workspace", ws_path).returncode == 0
    run = geo("correct", "new-place", "Zuwayrat al-Hamra", "--lonlat", "38.8", "35.9", "--workspace", ws_path)
    assert run.returncode == 0 and "ws:1" in run.stderr, run.stderr
    run = geo("correct", "alias", "Old Souq", "--place-id", "th:raqqa", "--workspace", ws_path)
    assert run.returncode == 0, run.stderr
    run = geo("correct", "not-place", "homs", "--workspace", ws_path)
    assert run.returncode == 0, run.stderr
    mentions = {m["surface"]: m for m in map(json.loads, geo("mentions", "--workspace", ws_path).stdout.splitlines())}
    assert mentions["Zuwayrat al-Hamra"]["place_id"] == "ws:1"
    assert mentions["Old Souq"]["name"] == "Raqqa" and "Homs" not in mentions
    claims = {(c["actor"], c["relation"], c["place"]) for c in claims_of(ws_path)}
    assert ("SDF", "control", "Zuwayrat al-Hamra") in claims
    log = geo("correct", "log", "--workspace", ws_path, "--csv", tmp_path / "log.csv")
    number = next(line.split("\t")[0] for line in log.stdout.splitlines() if "not a place" in line)
    assert geo("correct", "withdraw", number, "--workspace", ws_path).returncode == 0
    mentions = {m["surface"] for m in map(json.loads, geo("mentions", "--workspace", ws_path).stdout.splitlines())}
    assert "Homs" in mentions
    assert "gazetteer" in (tmp_path / "log.csv").read_text(encoding="utf-8")
    assert geo("correct", "reject", "cdeadbeef00", "--workspace", ws_path).returncode == 1  # no such claim


def test_corrections_move_with_the_text_when_a_document_changes(tmp_path):
    """An edited file is a new version; its corrections follow their sentence and name into it."""
    from geo.service import analyse_workspace

    text = "The SDF captured Tabqa on Monday. Russian jets struck Idlib. Fighting went on in Raqqa."
    with open_workspace(tmp_path / "w.gpkg") as ws:
        ws.add_source(source_of("a.txt", text.encode()), "rana")
        analysis, _, hashes = analyse_workspace(ws)
        strike = next(c for c in analysis.claims if c.relation == "strike")
        raqqa = next(m for m in analysis.mentions if m.surface == "Raqqa")
        ws.add_correction("claim", "reject", hashes["a"], claim_anchor(strike), {}, "rana")
        ws.add_correction("mention", "place", hashes["a"], mention_anchor(raqqa),
                          {"place_id": "pt:x", "name": "Elsewhere", "lat": 1.0, "lon": 2.0}, "rana")
        edited = "UPDATE (Tuesday): casualty figures revised.\n" + text
        stored, added = ws.add_source(source_of("a.txt", edited.encode()), "rana")
        assert added and stored.version == 2
        analysis, corrected, hashes = analyse_workspace(ws)
    assert not any(c.relation == "strike" for c in analysis.claims)
    assert [c.relation for c, _ in corrected.rejected] == ["strike"] and not corrected.unmatched
    moved = next(m for m in analysis.mentions if m.surface == "Raqqa")
    assert moved.name == "Elsewhere" and edited[moved.start:moved.end] == "Raqqa"


def test_a_correction_whose_text_is_ambiguous_in_the_new_version_stays_put():
    from geo.aggregate import carry_over
    from geo.workspace import Correction

    fix = Correction(1, "claim", "reject", "old", {"start": 0, "end": 11, "place_start": 0, "place_end": 5}, {},
                     "rana", "2026-11-30T14:00:00+00:00")
    old = {"old": ("a", "Raqqa fell. Then calm.")}
    twice = carry_over([fix], {"a": ("new", "Raqqa fell. Raqqa fell. Then calm.")}, old)
    once = carry_over([fix], {"a": ("new", "News: Raqqa fell. Then calm.")}, old)
    assert twice == [fix]
    assert once[0].doc_sha256 == "new" and once[0].anchor == {"start": 6, "end": 17, "place_start": 6,
                                                             "place_end": 11}


def test_the_geopackage_backend_offers_the_whole_interface():
    """The stages and the app use only the Workspace interface; a new backend must offer all of it."""
    from geo.workspace import GeoPackageWorkspace, Workspace

    wanted = {n for n in vars(Workspace) if not n.startswith("_")} | set(Workspace.__annotations__)
    assert wanted >= {"add_source", "documents", "save_analysis", "add_correction", "corrections", "revision"}
    missing = {n for n in wanted if not hasattr(GeoPackageWorkspace, n) and n != "path"}
    assert not missing
