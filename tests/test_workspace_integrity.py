"""Corrections are checked where they enter (command line and app); a bad value an older version
stored breaks no page and no export; a workspace is backed up consistently and a damaged one can be
moved aside from the app."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_app import click, start  # noqa: F401

from geo import cli
from geo.aggregate.corrections import CorrectionError, checked_point, checked_values
from geo.workspace import WorkspaceError, open_workspace

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"


@pytest.fixture()
def demo_workspace(tmp_path, monkeypatch) -> Path:
    """The demo corpus ingested and analysed into a new workspace (in this process)."""
    monkeypatch.setenv("GEO_AUTHOR", "rana")
    path = tmp_path / "w.gpkg"
    assert cli.main(["ingest", str(DEMO), "--workspace", str(path)]) == 0
    return path


def claims_of(path: Path, capsys) -> list[dict]:
    capsys.readouterr()
    assert cli.main(["claims", "--workspace", str(path)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("values, field", [
    ({"date": "2019-13-45"}, "date"), ({"date": "2017-02-30"}, "date"), ({"date": "May 2017"}, "date"),
    ({"date": "2017-W60"}, "date"), ({"relation": "captured"}, "relation"), ({"stance": "maybe"}, "stance"),
    ({"actor": "Foo Brigade"}, "actor"), ({"actor": ""}, "actor"), ({"place": "Raqqa"}, "place"),
])
def test_bad_correction_values_are_refused_naming_the_field(values, field):
    with pytest.raises(CorrectionError, match=f"^{field}: "):
        checked_values(values)


def test_good_values_are_made_canonical():
    assert checked_values({"actor": "Syrian Democratic Forces", "relation": "lost", "stance": "alleged",
                           "date": "2017-W42"}) == {"actor": "SDF", "relation": "lost", "stance": "alleged",
                                                     "date": "2017-W42"}
    assert checked_values({"actor": "Foo Brigade"}, new_actor=True) == {"actor": "Foo Brigade"}
    with pytest.raises(CorrectionError, match="^lonlat: "):
        checked_point(35.9, 400.0)


def test_the_command_line_refuses_bad_values_and_stores_nothing(demo_workspace, capsys):
    claim = claims_of(demo_workspace, capsys)[0]["claim_id"]
    bad = [["--date", "2019-13-45"], ["--relation", "captured"], ["--stance", "maybe"], ["--actor", "Foo Brigade"]]
    for args in bad:
        assert cli.main(["correct", "set", claim, *args, "--workspace", str(demo_workspace)]) == 2
        err = capsys.readouterr().err
        assert f"geo: error: {args[0][2:]}: " in err, err
    first = claims_of(demo_workspace, capsys)[0]
    assert cli.main(["correct", "place", first["doc"], str(first["place_start"]), str(first["place_end"]),
                     "--lonlat", "400", "91", "--workspace", str(demo_workspace)]) == 2
    assert "lonlat: " in capsys.readouterr().err
    with open_workspace(demo_workspace) as ws:
        assert ws.corrections() == []
    # an alias of a known actor is stored as that actor; a new one only on purpose
    assert cli.main(["correct", "set", claim, "--actor", "Syrian Democratic Forces",
                     "--workspace", str(demo_workspace)]) == 0
    assert cli.main(["correct", "set", claim, "--actor", "Foo Brigade", "--new-actor",
                     "--workspace", str(demo_workspace)]) == 0
    with open_workspace(demo_workspace) as ws:
        assert [c.values for c in ws.corrections()] == [{"actor": "SDF"}, {"actor": "Foo Brigade"}]


def _store_bad_correction(path: Path, claim_anchor: dict, doc_sha: str) -> None:
    """Write a correction as an older geo did, without checking its value."""
    with open_workspace(path) as ws:
        ws.add_correction("claim", "set", doc_sha, claim_anchor, {"date": "2019-13-45", "relation": "captured"},
                          "old-geo")


def test_a_bad_value_stored_by_an_older_version_is_skipped_with_a_warning(demo_workspace, capsys, tmp_path):
    from geo.service import analyse_workspace
    from geo.workspace import claim_anchor

    with open_workspace(demo_workspace) as ws:
        _, corrected, hashes = analyse_workspace(ws)
        victim = corrected.claims[0]
        _store_bad_correction(demo_workspace, claim_anchor(victim), hashes[victim.doc])
    out = tmp_path / "out.geojson"
    assert cli.main(["export", "--workspace", str(demo_workspace), "-o", str(out), "--as-of", "2017-10-20"]) == 0
    err = capsys.readouterr().err
    assert "is invalid and was skipped: date: '2019-13-45'" in err and "geo correct withdraw" in err
    assert json.loads(out.read_text())["features"]
    with open_workspace(demo_workspace) as ws:
        _, corrected, _ = analyse_workspace(ws)
        assert [fix.author for fix, _ in corrected.invalid] == ["old-geo"]
        assert victim in corrected.claims  # the claim stays as extracted


def test_the_app_shows_a_bad_stored_value_and_withdraws_it(demo_workspace, monkeypatch):
    from geo.service import analyse_workspace
    from geo.workspace import claim_anchor

    with open_workspace(demo_workspace) as ws:
        _, corrected, hashes = analyse_workspace(ws)
        victim = corrected.claims[0]
    _store_bad_correction(demo_workspace, claim_anchor(victim), hashes[victim.doc])
    at = start(monkeypatch, "--workspace", str(demo_workspace))
    text = "\n".join(m.value for m in at.sidebar.markdown)
    assert "'2019-13-45' is no date" in text
    (button,) = [b for b in at.sidebar.button if b.key.startswith("withdraw_invalid_")]
    button.click().run()
    assert not at.exception
    with open_workspace(demo_workspace) as ws:
        assert ws.corrections() == []
        assert ws.edit_log()[-1]["action"] == "withdraw"


def test_the_app_review_form_refuses_a_bad_date(demo_workspace, monkeypatch):
    at = start(monkeypatch, "--workspace", str(demo_workspace))
    at = click(at, "Raqqa")
    form_date = next(t for t in at.text_input if t.label.startswith("Date"))
    form_date.set_value("2019-13-45")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    assert any("'2019-13-45' is no date" in e.value and e.value.startswith("Not saved: date") for e in at.error)
    with open_workspace(demo_workspace) as ws:
        assert ws.corrections() == []


def test_backup_copies_a_live_workspace(demo_workspace, tmp_path, capsys):
    with open_workspace(demo_workspace) as ws:  # held open (and written) while the copy is made
        ws.add_correction("name", "not_place", "", {"name": "Foo"}, {}, "rana")
        copy = tmp_path / "copy.gpkg"
        assert cli.main(["workspace", "backup", str(demo_workspace), str(copy)]) == 0
        assert "12 documents, 1 active corrections" in capsys.readouterr().err
        assert cli.main(["workspace", "backup", str(demo_workspace), str(copy)]) == 2  # never overwrites
        assert "exists already" in capsys.readouterr().err
    db = sqlite3.connect(copy)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()
    with open_workspace(copy) as ws:
        assert len(ws.documents()) == 12 and [c.anchor for c in ws.corrections()] == [{"name": "Foo"}]


def test_a_migration_backs_up_the_workspace_first(tmp_path):
    """A schema-1 workspace (its edit log holding the program's own steps) is copied aside, then
    migrated: the edit log keeps the analyst's edits only."""
    path = tmp_path / "old.gpkg"
    with open_workspace(path) as ws:
        ws.add_correction("name", "not_place", "", {"name": "Foo"}, {}, "rana")
    db = sqlite3.connect(path)  # what schema 1 looked like
    db.execute("DROP TABLE geo_workspace_events")
    db.execute("UPDATE geo_workspace_meta SET value = '1' WHERE key = 'schema_version'")
    db.executemany("INSERT INTO edit_log (at, author, action, detail) VALUES ('2026-01-01', '', ?, '{}')",
                   [("migrate",), ("add_column",), ("analyse",)])
    db.commit()
    db.close()
    with open_workspace(path) as ws:
        assert [e["action"] for e in ws.edit_log()] == ["correct:not_place"]
        assert [e["action"] for e in ws.events()][:3] == ["migrate", "add_column", "analyse"]
    (backup,) = tmp_path.glob("old.schema1-backup-*.gpkg")
    db = sqlite3.connect(backup)
    assert db.execute("SELECT value FROM geo_workspace_meta WHERE key = 'schema_version'").fetchone() == ("1",)
    db.close()


def test_the_app_moves_a_damaged_workspace_aside_and_starts_anew(tmp_path, monkeypatch):
    path = tmp_path / "w.gpkg"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)  # a header, then garbage
    at = start(monkeypatch, "--workspace", str(path))
    assert any("damaged" in e.value or "not a workspace" in e.value for e in at.error)
    at.button(key="recover_move").click().run()
    assert not at.exception
    kept = list(tmp_path.glob("w.unreadable-*.gpkg"))
    assert len(kept) == 1 and kept[0].read_bytes().endswith(b"\x07" * 100)  # kept, byte for byte
    assert any("kept as" in i.value for i in at.info)
    assert not at.error and int(next(m.value for m in at.metric if m.label == "documents")) == 12
    with open_workspace(path, create=False) as ws:
        assert len(ws.documents()) == 12


def test_the_app_opens_another_file_when_the_workspace_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "notes.gpkg"
    path.write_text("not a database at all", encoding="utf-8")
    at = start(monkeypatch, "--workspace", str(path))
    assert any("not a geo workspace" in e.value for e in at.error)
    at.text_input(key="recover_other").set_value(str(tmp_path / "other.gpkg")).run()
    at.button(key="recover_open").click().run()
    assert not at.exception and not at.error
    assert (tmp_path / "other.gpkg").exists() and path.read_text(encoding="utf-8") == "not a database at all"


def test_a_workspace_given_twice_in_one_process_shares_one_connection(tmp_path):
    path = tmp_path / "w.gpkg"
    with open_workspace(path) as first, open_workspace(str(path)) as second:
        assert first.db is second.db
    with pytest.raises(WorkspaceError, match="no such workspace"):
        open_workspace(tmp_path / "missing.gpkg", create=False)


def test_the_analyser_version_covers_the_user_lexicon_and_the_parse_setting(tmp_path, use_settings):
    """A changed user lexicon or parse setting re-analyses a workspace's documents."""
    from geo.service import analyser_version

    use_settings(lexicon_dir=None, syntax=False)
    packaged = analyser_version()
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "relations.toml").write_text('[[relation]]\nrelation = "contested"\npattern = \'blockaded\\b\'\n',
                                           encoding="utf-8")
    use_settings(lexicon_dir=folder)
    with_user = analyser_version()
    (folder / "relations.toml").write_text('[[relation]]\nrelation = "contested"\npattern = \'besieged\\b\'\n',
                                           encoding="utf-8")
    changed = analyser_version()
    use_settings(syntax=True)
    with_parse = analyser_version()
    assert len({packaged, with_user, changed, with_parse}) == 4
    use_settings(syntax=False, lexicon_dir=None)
    assert analyser_version() == packaged


def test_the_confidence_control_hides_claims_below_it_but_not_confirmed_ones(demo_workspace, monkeypatch):
    from test_app import metric

    at = start(monkeypatch, "--workspace", str(demo_workspace))
    every = int(metric(at, "claims shown"))
    assert every > 0 and at.slider(key="f_confidence").value == 0.0  # every claim by default
    at.slider(key="f_confidence").set_value(0.8).run()
    assert int(metric(at, "claims shown")) == 0  # the demo's claims are at most 0.75
    at = click(at.slider(key="f_confidence").set_value(0.0).run(), "Raqqa")
    at.button(key="review_confirm").click().run()
    at.slider(key="f_confidence").set_value(0.8).run()
    assert not at.exception and int(metric(at, "claims shown")) >= 1  # a confirmed claim counts as 1
