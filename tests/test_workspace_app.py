"""The app on a workspace file: uploads and corrections are stored and survive a restart."""
from __future__ import annotations

from test_app import click, downloads, export, map_features, metric, start  # noqa: F401 (fixture)

from docfiles import docx_bytes


def _claim_features(collection: dict) -> list[dict]:
    return [f["properties"] for f in collection["features"] if f["properties"]["layer"] == "claim"]


def test_reject_a_claim_and_replace_a_name_then_restart(monkeypatch, tmp_path, downloads):  # noqa: F811
    workspace = str(tmp_path / "w.gpkg")
    monkeypatch.setenv("GEO_AUTHOR", "rana")
    at = start(monkeypatch, "--workspace", workspace)
    n_docs, n_claims = int(metric(at, "documents")), int(metric(at, "claims shown"))
    assert n_docs == 12  # seeded with the demo corpus on first use

    at.sidebar.file_uploader[0].set_value([
        ("memo.docx", docx_bytes(["The SDF captured Tabqa on Monday."]), "application/octet-stream")]).run()
    assert int(metric(at, "documents")) == n_docs + 1

    at = click(at, "Raqqa")
    victim = at.selectbox(key="review_claim").value  # the id `geo claims --workspace` prints
    at.button(key="review_reject").click().run()
    assert not at.exception
    assert int(metric(at, "claims shown")) == n_claims  # one rejected, one added by the upload
    panel = "\n".join(m.value for m in at.markdown)
    assert "rejected by rana on" in panel

    at.selectbox(key="open_doc").set_value("memo").run()
    at.radio(key="review_how").set_value("A point (lon, lat)").run()
    at.number_input(key="review_lon").set_value(40.25).run()
    at.number_input(key="review_lat").set_value(34.75).run()
    at.button(key="review_save_mention").click().run()
    assert not at.exception
    tabqas = sorted(f["geometry"]["coordinates"] for f in map_features(at)
                    if f["properties"].get("name") == "Tabqa" and f["geometry"]["type"] == "Point")
    assert len(tabqas) == 2 and [40.25, 34.75] in tabqas  # the memo's Tabqa moved; the demo's stayed

    # restart: a new app process state on the same file
    again = start(monkeypatch, "--workspace", workspace)
    assert int(metric(again, "documents")) == n_docs + 1
    assert int(metric(again, "claims shown")) == n_claims
    again = click(again, "Raqqa")
    assert "rejected by rana on" in "\n".join(m.value for m in again.markdown)
    rejected_lines = [m.value for m in again.markdown if "rejected by rana on" in m.value]
    assert len(rejected_lines) == 1 and rejected_lines[0].startswith("~~")
    from geo.workspace import open_workspace

    with open_workspace(workspace) as ws:
        (fix,) = [c for c in ws.corrections() if c.action == "reject"]
        assert fix.author == "rana" and fix.target == "claim"
        from geo.aggregate import claim_id
        from geo.service import analyse_workspace

        analysis, corrected, hashes = analyse_workspace(ws)
        assert victim not in {claim_id(corrected.origin[c], hashes[c.doc]) for c in analysis.claims}
        assert [claim_id(c, hashes[c.doc]) for c, _ in corrected.rejected] == [victim]
    claims = _claim_features(export(again, downloads))
    assert len(claims) == n_claims
    tabqa = [c for c in claims if c["doc"] == "memo"]
    assert tabqa and all((c["lon"], c["lat"]) == (40.25, 34.75) for c in tabqa)
    # the app's download carries each claim's id and review as `geo export --workspace` does
    expected = {claim_id(corrected.origin.get(c, c), hashes[c.doc]) for c in analysis.claims}
    got = [c["claim_id"] for c in claims]  # the claims shown (the latest day's state) of the workspace's
    assert len(set(got)) == len(got) and set(got) <= expected and victim not in got
    assert all("review" in c for c in claims) and any("place" in c["review"] for c in tabqa)

    # restoring the claim withdraws the correction (and says so in the edit log)
    again.button(key=f"restore_{fix.fid}").click().run()
    assert not again.exception
    assert int(metric(again, "claims shown")) == n_claims + 1
    with open_workspace(workspace) as ws:
        assert not [c for c in ws.corrections() if c.action == "reject"]
        assert ws.edit_log()[-1]["action"] == "withdraw"


def test_a_name_is_marked_not_a_place_and_another_re_placed_from_the_gazetteer(monkeypatch, tmp_path):
    workspace = str(tmp_path / "w.gpkg")
    monkeypatch.setenv("GEO_AUTHOR", "sami")
    at = start(monkeypatch, "--workspace", workspace)
    at.sidebar.file_uploader[0].set_value([
        ("note.txt", b"Fighting near Homs and in Tripoli, the SDF said it captured Tabqa.", "text/plain")]).run()
    at.selectbox(key="open_doc").set_value("note").run()
    labels = [label.split(" (at")[0] for label in at.selectbox(key="review_mention").options]
    assert {"Homs", "Tripoli", "Tabqa"} <= set(labels)

    at.selectbox(key="review_mention").select_index(labels.index("Tripoli")).run()
    at.radio(key="review_how").set_value("Another gazetteer place").run()
    candidates = at.selectbox(key="review_candidate")
    libyan = next(i for i, label in enumerate(candidates.options) if "LY)" in label)
    candidates.select_index(libyan).run()
    at.button(key="review_save_mention").click().run()
    assert not at.exception

    at.selectbox(key="review_mention").select_index(labels.index("Homs")).run()
    at.radio(key="review_how").set_value("Not a place (everywhere)").run()
    at.button(key="review_save_mention").click().run()
    assert not at.exception

    again = start(monkeypatch, "--workspace", workspace)
    from geo.service import analyse_workspace
    from geo.workspace import open_workspace

    with open_workspace(workspace) as ws:
        mentions = {m.surface: m for m in analyse_workspace(ws)[0].mentions if m.doc == "note"}
    assert "Homs" not in mentions and mentions["Tripoli"].country == "LY"
    names = {f["properties"].get("name") for f in map_features(again)}
    assert "Homs" not in names



def test_done_when_on_the_seeds(monkeypatch, tmp_path, downloads, shared):  # noqa: F811
    """The issue's acceptance: ingest the seeds, reject one claim and re-place one mention in the app,
    restart, ingest the same files again: both hold, in the app and in GeoJSON and GeoPackage exports."""
    import json
    import subprocess
    import sys

    import pyogrio

    from geo.workspace import open_workspace

    workspace = tmp_path / "seeds.gpkg"
    monkeypatch.setenv("GEO_AUTHOR", "rana")
    at = start(monkeypatch, "--workspace", str(workspace), "--corpus", str(shared / "seeds"))
    assert int(metric(at, "documents")) == 5
    n_claims = int(metric(at, "claims shown"))
    at = click(at, "Raqqa")
    victim = at.selectbox(key="review_claim").value
    at.button(key="review_reject").click().run()
    doc = sorted(shared.joinpath("seeds").glob("*.txt"))[0].stem
    at.selectbox(key="open_doc").set_value(doc).run()
    mention_label = at.selectbox(key="review_mention").options[0]
    at.radio(key="review_how").set_value("A point (lon, lat)").run()
    at.number_input(key="review_lon").set_value(41.5).run()
    at.number_input(key="review_lat").set_value(33.5).run()
    at.button(key="review_save_mention").click().run()
    assert not at.exception

    ingest = subprocess.run([sys.executable, "-m", "geo", "ingest", str(shared / "seeds"), "--workspace",
                             str(workspace)], capture_output=True, text=True, timeout=300)
    assert "0 added, 5 already there" in ingest.stderr
    again = start(monkeypatch, "--workspace", str(workspace))
    assert int(metric(again, "claims shown")) == n_claims - 1
    again = click(again, "Raqqa")
    assert any("rejected by rana on" in m.value for m in again.markdown)
    assert any(f["geometry"]["coordinates"] == [41.5, 33.5] for f in map_features(again))
    exported = export(again, downloads)
    assert any(f["geometry"] and f["geometry"]["coordinates"] == [41.5, 33.5] for f in exported["features"])

    out = tmp_path / "out.gpkg"
    run = subprocess.run([sys.executable, "-m", "geo", "export", "--workspace", str(workspace), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    claims = pyogrio.read_dataframe(out, layer="claim")
    assert victim not in set(claims["claim_id"]) and len(claims) == n_claims - 1
    places = pyogrio.read_dataframe(out, layer="place")
    assert ((places.geometry.x == 41.5) & (places.geometry.y == 33.5)).any()
    with open_workspace(workspace) as ws:
        actions = [json.loads(e["detail"]).get("anchor", {}).get("surface") for e in ws.edit_log()
                   if e["action"] == "correct:place"]
    assert actions == [mention_label.split(" (at")[0]]
