"""The ``geo`` command line (also ``python -m geo``).

    geo mentions PATH...                     one JSON line per place mention
    geo claims PATH... [--workers N]         one JSON line per claim
    geo export PATH... -o FILE [--format geojson|gpkg|parquet] [--as-of DATE | --from DATE --to DATE]
    geo map PATH... -o map.html [--as-of DATE]   the map as one standalone HTML file
    geo evaluate --gold FILE PATH...         recall, precision and every miss
    geo evaluate --events FILE [--part P]    claims scored on coded events (ACLED, UCDP GED, PITF)
    geo index                                build (or find) the compiled gazetteer
    geo ingest PATH... --workspace W.gpkg    add documents to a workspace and analyse what changed
    geo claims|export|map --workspace W.gpkg read a workspace, corrections applied (PATHs are ingested first)
    geo correct reject|confirm|set|place|not-place|alias|new-place|withdraw|log --workspace W.gpkg ...
    geo workspace backup W.gpkg OUT.gpkg     a consistent copy of a workspace, safe while others write
    geo geocode NAME [--online]              look a name up through the geopy interface

Bad input files are reported one line each on stderr; the good files' results are still
printed; the exit status is 1 when any file failed.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from geo.documents import DocumentError, iter_documents
from geo.model import Document
from geo.settings import Settings, current, using
from geo.workspace import WorkspaceError


class UsageError(ValueError):
    """A request that cannot be carried out as given; the message says what to change."""


class NotFound(LookupError):
    """Nothing matched (exit status 1, a message on stderr)."""


def _documents(paths: Iterable[str], failures: list[DocumentError], date: str | None = None) -> Iterator[Document]:
    """The documents under ``paths``; ``date`` (the user's ``--date``) replaces each one's own date."""
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            failures.append(item)
            print(f"geo: error: {item}", file=sys.stderr, flush=True)
        else:
            yield replace(item, date=date) if date else item


# --------------------------------------------------------------------------- dates


def _iso_date(text: str) -> str:
    """An argparse type: an ISO 8601 date (YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY), checked."""
    from geo.time import period

    try:
        period(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text


def _dated_view(analysis, args: argparse.Namespace):
    """The analysis as of ``--as-of`` or within ``--from``/``--to`` (unchanged when none is given)."""
    from geo.aggregate.timeline import as_of, between
    from geo.time import period

    keep_undated = not getattr(args, "drop_undated", False)
    start, end = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if args.as_of and (start or end):
        raise UsageError("--as-of gives one day; --from/--to a range: use one or the other")
    if args.as_of:
        return as_of(analysis, period(args.as_of)[1], keep_undated)
    if start or end or not keep_undated:
        return between(analysis, period(start)[0] if start else None, period(end)[1] if end else None, keep_undated)
    return analysis


def _write_json_lines(rows: Iterable[dict]) -> None:
    out = sys.stdout
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for row in rows:
        out.write(dumps(row))
        out.write("\n")


MENTION_FIELDS = ("doc", "start", "end", "surface", "place_id", "name", "lat", "lon", "country", "kind",
                  "precision", "confidence", "role")
CLAIM_FIELDS = ("doc", "start", "end", "text", "actor", "relation", "place", "place_id", "lat", "lon",
                "to_place", "to_lat", "to_lon", "stance", "attribution", "confidence", "date", "date_precision",
                "date_source")


def cmd_mentions(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    if args.workspace:
        with _open_workspace(args, failures) as ws:
            from geo.pipeline import analyse_workspace

            analysis, corrected, _ = analyse_workspace(ws)
            warn_invalid(corrected)
            _write_json_lines({f: getattr(m, f) for f in MENTION_FIELDS} for m in analysis.mentions)
        return
    _need_paths(args)
    from geo.geoparse import Geoparser

    parser = Geoparser()
    for doc in _documents(args.paths, failures):
        _write_json_lines({f: getattr(m, f) for f in MENTION_FIELDS} for m in parser.parse(doc))


def cmd_claims(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    if args.workspace:
        with _open_workspace(args, failures) as ws:
            from geo.aggregate import claim_id
            from geo.pipeline import analyse_workspace

            analysis, corrected, hashes = analyse_workspace(ws, min_confidence=args.min_confidence)
            warn_invalid(corrected)
            for claim in analysis.claims:
                origin = corrected.origin.get(claim, claim)
                _write_json_lines([{"claim_id": claim_id(origin, hashes.get(claim.doc, "")),
                                    **{f: getattr(claim, f) for f in CLAIM_FIELDS},
                                    "place_start": claim.place_start, "place_end": claim.place_end,
                                    "review": "; ".join(corrected.notes.get(claim, []))}])
        return
    _need_paths(args)
    docs = _documents(args.paths, failures, args.date)
    if args.workers or args.scheduler:
        claims = _scale().claims_on_dask(docs, workers=args.workers, scheduler=args.scheduler)
    else:
        from geo.pipeline import claims_for_documents

        claims = claims_for_documents(docs)
    for claim in (c for c in claims if c.confidence >= args.min_confidence):
        _write_json_lines([{f: getattr(claim, f) for f in CLAIM_FIELDS}])


def _scale():
    """:mod:`geo.scale`, or a message naming the extra it needs."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise UsageError(f"--workers, --scheduler and parquet output need the 'scale' extra ({err.name} is "
                         "missing): pip install 'geo-conflict-map[scale]'") from None
    from geo import scale

    return scale


EXPORT_FORMATS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".parquet": "parquet"}


def export_format(output: str, given: str | None) -> str:
    """The export format: ``--format`` if given, else the output's suffix; a contradiction is refused.

    >>> export_format("out.gpkg", None), export_format("out.parquet", None), export_format("x", None)
    ('gpkg', 'parquet', 'geojson')
    """
    from pathlib import Path

    implied = EXPORT_FORMATS.get(Path(output).suffix.lower())
    if given and implied and given != implied:
        raise UsageError(f"--format {given} contradicts the output name {output!r} (which says {implied}): "
                         "change one of them")
    return given or implied or "geojson"


def cmd_export(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.pipeline import analyse

    fmt = export_format(args.output, args.format)
    if fmt == "parquet":
        _scale()  # say which extra is missing before any work
    if args.workspace:
        _export_workspace(args, fmt, failures)
        return
    _need_paths(args)
    analysis = _dated_view(analyse(list(_documents(args.paths, failures, args.date)), args.min_confidence), args)
    if fmt == "gpkg":
        from geo.io.gpkg import write_gpkg

        write_gpkg(analysis, args.output)
    elif fmt == "parquet":
        from geo.io.parquet import write_parquet

        write_parquet(analysis, args.output)
    else:
        from geo.io.geojson import write_geojson

        write_geojson(analysis, args.output)
    print(f"geo: wrote {args.output} ({len(analysis.claims)} claims, {len(analysis.zones)} zones, "
          f"{len(analysis.corridors)} corridors)", file=sys.stderr)


def cmd_map(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.mapview import write_map_html
    from geo.pipeline import analyse

    from geo.assets import assets_present, vendor_dir

    if args.workspace:
        from geo.pipeline import analyse_workspace

        with _open_workspace(args, failures) as ws:
            analysis, corrected, _ = analyse_workspace(ws, min_confidence=args.min_confidence)
            warn_invalid(corrected)
            analysis = _dated_view(analysis, args)
    else:
        _need_paths(args)
        analysis = _dated_view(analyse(list(_documents(args.paths, failures, args.date)), args.min_confidence), args)
    write_map_html(analysis, args.output, vendor_dir())
    print(f"geo: wrote {args.output}", file=sys.stderr)
    if not assets_present():
        print(f"geo: warning: the map's scripts are not in {vendor_dir()}, so {args.output} loads them from the "
              "internet; run `python -m geo.assets` once (it needs npm) for a map that works offline", file=sys.stderr)


def cmd_evaluate(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo import evaluate

    if args.events:
        for path in args.events:
            print(evaluate.score_events(path, args.part).report(misses=args.misses))
        return
    if not args.gold or not args.paths:
        raise SystemExit("geo evaluate: give --gold FILE PATH... or --events FILE")
    gold = evaluate.read_gold(args.gold)
    docs = list(_documents(args.paths, failures))
    if evaluate.gold_kind(gold) == "claims":
        from geo.claims.actors import canonical_actor
        from geo.pipeline import analyse

        analysis = analyse(docs)
        score = evaluate.score_claims(gold, docs, analysis.claims, evaluate.canonical_place, canonical_actor)
    else:
        from geo.geoparse import Geoparser

        parser = Geoparser()
        mentions = [m for d in docs for m in parser.parse(d)]
        score = evaluate.score_places(gold, docs, mentions)
    print(score.report())


def cmd_sources(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.geoparse.attribution import sources_text

    print(sources_text())


def cmd_index(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    import time

    from geo.geoparse.gazetteer import GazetteerIndex

    started = time.perf_counter()
    index = GazetteerIndex.load()
    print(f"geo: gazetteer index {index.db_path} ready in {time.perf_counter() - started:.2f} s")


def cmd_app(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.app import launch

    app_args = [*(["--workspace", args.workspace] if args.workspace else []),
                *(["--corpus", args.corpus] if args.corpus else [])]
    options = [*(["--server.port", str(args.port)] if args.port else []),
               *(["--server.address", args.address] if args.address else [])]
    status = launch(app_args, options)
    if status:
        raise SystemExit(status)


def cmd_geocode(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.geocoders import OfflineGazetteer, online_fallback

    geocoder = online_fallback(OfflineGazetteer()) if args.online else OfflineGazetteer()
    seen: set[str] = set()
    for location in geocoder.geocode(args.name, exactly_one=False) or []:
        raw = location.raw or {}
        key = raw.get("place_id") or f"{location.latitude},{location.longitude}"
        if key in seen:  # one place answers to several spellings of the name
            continue
        seen.add(key)
        print(json.dumps({"address": location.address, "lat": location.latitude, "lon": location.longitude,
                          **{k: v for k, v in raw.items() if k in ("place_id", "kind", "country")}},
                         ensure_ascii=False))
    if not seen:
        raise NotFound(f"no place named {args.name!r} in the gazetteer" + ("" if args.online else " (try --online)"))


def _add_date_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=_iso_date, metavar="DATE",
                   help="publication date of the documents given (YYYY-MM-DD), overriding the date they state")


def _add_confidence_option(p: argparse.ArgumentParser) -> None:
    from geo.claims.calibration import DEFAULT_MIN_CONFIDENCE, SUGGESTED_MIN_CONFIDENCE

    p.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, metavar="C",
                   help=f"leave out claims below confidence C (default {DEFAULT_MIN_CONFIDENCE:g}: every claim; "
                        f"{SUGGESTED_MIN_CONFIDENCE:g} is the calibration's suggestion for long-form text)")


def _add_time_options(p: argparse.ArgumentParser, with_range: bool) -> None:
    p.add_argument("--as-of", type=_iso_date, metavar="DATE",
                   help="who held what on DATE: the latest claims up to then (a month or year means its last day)")
    if with_range:
        p.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE", help="only claims dated on or after DATE")
        p.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE", help="only claims dated on or before DATE")
    p.add_argument("--drop-undated", action="store_true", help="leave out claims with no date (kept by default)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo", description="Places, claims and maps from conflict reporting on Syria and Iraq, offline.",
        epilog="Bad input files are reported one line each on stderr; the good files' results are still printed.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("mentions", help="place mentions as JSON lines")
    _workspace_options(p)
    p.set_defaults(run=cmd_mentions)

    p = sub.add_parser("claims", help="claims as JSON lines")
    _workspace_options(p)
    p.add_argument("--workers", type=int, default=0, help="run on a local Dask cluster of N workers")
    p.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler")
    _add_date_option(p)
    _add_confidence_option(p)
    p.set_defaults(run=cmd_claims)

    p = sub.add_parser("export", help="places, claims, zones and corridors as GeoJSON, GeoPackage or GeoParquet",
                       description="The format follows --format, else the output's suffix (.geojson/.json, "
                                   ".gpkg, .parquet; GeoJSON otherwise). GeoParquet output is a folder of "
                                   "datasets, one per layer, overwritten by a later run.")
    _workspace_options(p)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--format", choices=("geojson", "gpkg", "parquet"))
    _add_date_option(p)
    _add_time_options(p, with_range=True)
    _add_confidence_option(p)
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("map", help="the map as a standalone HTML file")
    _workspace_options(p)
    p.add_argument("-o", "--output", required=True)
    _add_date_option(p)
    _add_time_options(p, with_range=False)
    _add_confidence_option(p)
    p.set_defaults(run=cmd_map)

    p = sub.add_parser("evaluate", help="score against a gold CSV (places or claims) or coded events")
    p.add_argument("--gold")
    p.add_argument("--events", action="append", metavar="FILE",
                   help="a coded-event CSV (ACLED, UCDP GED, PITF): claims scored against the coded events")
    p.add_argument("--part", choices=("dev", "held-back", "all"), default="dev",
                   help="which part of the fixed split of --events (default: dev)")
    p.add_argument("--misses", action="store_true", help="with --events: list every event missed")
    p.add_argument("paths", nargs="*")
    p.set_defaults(run=cmd_evaluate)

    p = sub.add_parser("index", help="build or locate the compiled gazetteer index")
    p.set_defaults(run=cmd_index)

    p = sub.add_parser("app", help="the map in your browser (streamlit; the same as python -m geo.app)")
    p.add_argument("--workspace", default=None, help="workspace file (.gpkg); default: the one in your data folder")
    p.add_argument("--corpus", default=None, help="a folder of documents, for this session only")
    p.add_argument("--port", type=int, default=None, help="port to serve on (default 8501)")
    p.add_argument("--address", default=None, help="address to serve on (default: all interfaces)")
    p.set_defaults(run=cmd_app)

    p = sub.add_parser("sources", help="the sources of the place data, their licences and credit lines")
    p.set_defaults(run=cmd_sources)

    p = sub.add_parser("geocode", help="look a place name up")
    p.add_argument("name")
    p.add_argument("--online", action="store_true", help="fall back to Nominatim (network; rate-limited, cached)")
    p.set_defaults(run=cmd_geocode)

    p = sub.add_parser("ingest", help="add documents to a workspace and analyse what changed")
    p.add_argument("paths", nargs="+")
    p.add_argument("--workspace", required=True, help="the workspace file (.gpkg), created when missing")
    p.add_argument("--author", default=None, help="who is adding them (default: $GEO_AUTHOR or your login)")
    p.add_argument("--no-analyse", action="store_true", help="only store the documents")
    _add_date_option(p)
    p.set_defaults(run=cmd_ingest)

    add_correct_parser(sub)
    add_workspace_parser(sub)
    return parser


# --------------------------------------------------------------------------- workspaces


def _workspace_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*")
    p.add_argument("--workspace", default=None,
                   help="read a workspace (.gpkg) with its corrections; PATHs given are ingested into it first")
    p.add_argument("--author", default=None, help=argparse.SUPPRESS)
    p.set_defaults(subparser=p)


def _need_paths(args: argparse.Namespace) -> None:
    if not args.paths:
        args.subparser.error("give files or folders to read, or --workspace W.gpkg")  # usage, exit 2


def author_of(args: argparse.Namespace) -> str:
    """Who is making a change: --author, else $GEO_AUTHOR, else the login name."""
    return getattr(args, "author", None) or current().who()


def _open_workspace(args: argparse.Namespace, failures: list[DocumentError]):
    """Open ``--workspace`` and ingest the PATHs given (if any) into it."""
    from geo.workspace import open_workspace

    ws = open_workspace(args.workspace)
    if args.paths:
        _ingest(ws, args.paths, author_of(args), failures, getattr(args, "date", None))
    return ws


def _ingest(ws, paths, author: str, failures: list[DocumentError], date: str | None = None) -> tuple[int, int]:
    from geo.documents import iter_sources

    added = same = 0
    for item in iter_sources(paths, skip=_workspace_files(ws)):
        if isinstance(item, DocumentError):
            failures.append(item)
            print(f"geo: error: {item}", file=sys.stderr, flush=True)
            continue
        if date:  # the user's --date replaces the date the file states
            item = replace(item, document=replace(item.document, date=date))
        stored, new = ws.add_source(item, author)
        if new:
            added += 1
            print(f"geo: added {stored.document.id} (version {stored.version}, {stored.kind}, {stored.encoding})",
                  file=sys.stderr, flush=True)
        else:
            same += 1
    return added, same


def _workspace_files(ws) -> set:
    """The workspace file and its journal files: never read as documents (a folder being ingested
    may hold the workspace; opening and closing it outside SQLite would drop the locks)."""
    from pathlib import Path

    path = Path(ws.path).resolve()
    return {path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))}


def warn_invalid(corrected) -> None:
    """One line on stderr per stored correction that cannot be applied (written by an older geo)."""
    for fix, why in corrected.invalid:
        print(f"geo: warning: correction {fix.fid} ({fix.describe()}) is invalid and was skipped: {why}; "
              f"withdraw it with `geo correct withdraw {fix.fid}`", file=sys.stderr)


def cmd_ingest(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import open_workspace

    with open_workspace(args.workspace) as ws:
        added, same = _ingest(ws, args.paths, author_of(args), failures, args.date)
        analysed = 0
        if not args.no_analyse:
            from geo.pipeline import analyse_workspace, layers_stale, update_workspace

            analysed = update_workspace(ws, on_document=lambda d: print(
                f"geo: analysed {d.document.id}", file=sys.stderr, flush=True))
            if layers_stale(ws):
                analyse_workspace(ws, update=False, write_layers=True)
        print(f"geo: {args.workspace}: {added} added, {same} already there, {analysed} analysed, "
              f"{len(ws.documents())} documents", file=sys.stderr)


def _review_columns(analysis, corrected, hashes) -> tuple[list[str], list[str]]:
    """Per claim of ``analysis``: its id and the corrections made to it (for the exports)."""
    from geo.aggregate import claim_id

    ids = [claim_id(corrected.origin.get(c, c), hashes.get(c.doc, "")) for c in analysis.claims]
    notes = ["; ".join(corrected.notes.get(c, [])) for c in analysis.claims]
    return ids, notes


def write_edit_log_csv(ws, path) -> None:
    """The workspace's edit log as CSV (one row per change: n, at, author, action, detail)."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["n", "at", "author", "action", "detail"])
        writer.writeheader()
        writer.writerows(ws.edit_log())


def _export_workspace(args: argparse.Namespace, fmt: str, failures: list[DocumentError]) -> None:
    """Export a workspace's analysis: rejected claims left out, corrected ones flagged in a
    ``review`` column with a ``claim_id``; the edit log beside it as CSV (and inside a GeoPackage)."""
    from pathlib import Path

    from geo.pipeline import analyse_workspace

    with _open_workspace(args, failures) as ws:
        analysis, corrected, hashes = analyse_workspace(ws, min_confidence=args.min_confidence)
        warn_invalid(corrected)
        analysis = _dated_view(analysis, args)
        ids, notes = _review_columns(analysis, corrected, hashes)
        if fmt == "geojson":
            from geo.io.geojson import feature_collection

            collection = feature_collection(analysis)
            claim_features = [f for f in collection["features"] if f["properties"]["layer"] == "claim"]
            for feature, claim_id, note in zip(claim_features, ids, notes):
                feature["properties"].update(claim_id=claim_id, review=note)
            Path(args.output).write_text(json.dumps(collection, ensure_ascii=False, allow_nan=False),
                                         encoding="utf-8")
        else:
            from geo.io.frames import GEOMETRY_TYPES, layer_frames

            frames = layer_frames(analysis)
            frames["claim"] = frames["claim"].assign(claim_id=ids, review=notes)
            if fmt == "gpkg":
                out = Path(args.output)
                if out.exists():
                    out.unlink()
                for layer, frame in frames.items():
                    frame.to_file(out, layer=layer, driver="GPKG", engine="pyogrio",
                                  geometry_type=GEOMETRY_TYPES[layer])
                from geo.workspace import write_attribute_table

                write_attribute_table(out, "edit_log", ws.edit_log())
            else:
                from geo.io.parquet import write_parquet

                write_parquet(analysis, args.output, frames=frames)
        log_path = Path(args.output).with_suffix(".edit-log.csv")
        write_edit_log_csv(ws, log_path)
    print(f"geo: wrote {args.output} ({len(analysis.claims)} claims, {len(corrected.rejected)} rejected left out, "
          f"{len(analysis.zones)} zones, {len(analysis.corridors)} corridors) and {log_path}", file=sys.stderr)


# --------------------------------------------------------------------------- corrections


def add_correct_parser(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", required=True, help="the workspace file (.gpkg)")
    common.add_argument("--author", default=None, help="who makes the correction (default: $GEO_AUTHOR or login)")
    p = sub.add_parser("correct", help="correct the analysis of a workspace (kept across re-analysis)")
    csub = p.add_subparsers(dest="correction", required=True)

    for name, text in (("confirm", "confirm a claim"), ("reject", "reject a claim (left out of map and exports)")):
        c = csub.add_parser(name, parents=[common], help=text)
        c.add_argument("claim", help="the claim's id, as `geo claims --workspace` prints it")
        c.set_defaults(run=cmd_correct_claim, action=name, new_actor=False)
    c = csub.add_parser("set", parents=[common], help="change a claim's actor, relation, stance or date")
    c.add_argument("claim")
    c.add_argument("--actor", help="an actor of the lexicon or a name it knows for one ('Syrian Democratic "
                   "Forces' is SDF)")
    c.add_argument("--new-actor", action="store_true", help="take an --actor the lexicon does not know, as given")
    c.add_argument("--relation", help="control, lost, contested, presence, advance, strike or corridor")
    c.add_argument("--stance", help="asserted, alleged, denied or disputed")
    c.add_argument("--date", help="ISO 8601 at its precision: 2017-10-17, 2017-W42, 2017-10 or 2017")
    c.set_defaults(run=cmd_correct_claim, action="set")

    c = csub.add_parser("place", parents=[common], help="re-place a mention (another place, or a point)")
    c.add_argument("doc")
    c.add_argument("start", type=int)
    c.add_argument("end", type=int)
    where = c.add_mutually_exclusive_group(required=True)
    where.add_argument("--place-id", help="a gazetteer id (th:..., gn:..., ws:...)")
    where.add_argument("--lonlat", nargs=2, type=float, metavar=("LON", "LAT"))
    c.add_argument("--name", help="the name to show for a point")
    c.set_defaults(run=cmd_correct_place)

    c = csub.add_parser("not-place", parents=[common], help="mark a name as not a place (everywhere)")
    c.add_argument("name")
    c.set_defaults(run=cmd_correct_not_place)

    c = csub.add_parser("alias", parents=[common], help="add a local name for a known place")
    c.add_argument("name")
    c.add_argument("--place-id", required=True)
    c.set_defaults(run=cmd_correct_gazetteer, new=False)
    c = csub.add_parser("new-place", parents=[common], help="add a place to the workspace's own gazetteer")
    c.add_argument("name")
    c.add_argument("--lonlat", nargs=2, type=float, metavar=("LON", "LAT"), required=True)
    c.add_argument("--kind", default="village")
    c.add_argument("--country", default="")
    c.set_defaults(run=cmd_correct_gazetteer, new=True)

    c = csub.add_parser("withdraw", parents=[common], help="withdraw a correction by its number")
    c.add_argument("number", type=int)
    c.set_defaults(run=cmd_correct_withdraw)
    c = csub.add_parser("log", parents=[common], help="the edit log (and the active corrections)")
    c.add_argument("--csv", help="write the edit log to this CSV file")
    c.set_defaults(run=cmd_correct_log)


def add_workspace_parser(sub) -> None:
    p = sub.add_parser("workspace", help="look after a workspace file")
    wsub = p.add_subparsers(dest="workspace_command", required=True)
    b = wsub.add_parser("backup", help="copy a workspace consistently, even while the app or `geo ingest` "
                                       "writes to it (SQLite's backup API)")
    b.add_argument("workspace", help="the workspace file (.gpkg)")
    b.add_argument("output", help="a new file to write the copy to")
    b.set_defaults(run=cmd_workspace_backup)


def cmd_workspace_backup(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import open_workspace

    with open_workspace(args.workspace, create=False) as ws:
        target = ws.backup(args.output)
        documents, corrections = len(ws.documents()), len(ws.corrections())
    print(f"geo: copied {args.workspace} to {target} ({documents} documents, {corrections} active corrections)",
          file=sys.stderr)


def _refresh(ws) -> None:
    """Re-derive the workspace's map layers after a correction (re-analysing the documents first
    when the workspace's own gazetteer changed)."""
    from geo.pipeline import analyse_workspace

    analyse_workspace(ws, update=True, write_layers=True)


def find_claim(ws, wanted: str):
    """(claim as extracted, its document's text hash) for a claim id, kept or rejected."""
    from geo.aggregate import claim_id
    from geo.pipeline import analyse_workspace

    _, corrected, hashes = analyse_workspace(ws)
    for claim in [*corrected.origin.values(), *(c for c, _ in corrected.rejected)]:
        if claim_id(claim, hashes.get(claim.doc, "")) == wanted.strip():
            return claim, hashes[claim.doc]
    raise NotFound(f"no claim {wanted!r} in {ws.path} (ids are printed by `geo claims --workspace`)")


def cmd_correct_claim(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import claim_anchor, open_workspace

    from geo.aggregate.corrections import checked_values

    values: dict = {}
    if args.action == "set":
        values = {f: getattr(args, f) for f in ("actor", "relation", "stance", "date") if getattr(args, f)}
        if not values:
            raise UsageError("say what to change: --actor, --relation, --stance or --date")
        values = checked_values(values, new_actor=args.new_actor)
    with open_workspace(args.workspace, create=False) as ws:
        claim, sha = find_claim(ws, args.claim)
        fix = ws.add_correction("claim", args.action, sha, claim_anchor(claim), values, author_of(args))
        _refresh(ws)
    print(f"geo: correction {fix.fid}: claim {args.claim} {fix.describe()}", file=sys.stderr)


def _place_values(ws, place_id: str) -> dict:
    from geo.pipeline import place_values

    values = place_values(ws, place_id)
    if values is None:
        raise NotFound(f"no place {place_id!r} in the gazetteer (look one up with `geo geocode NAME`)")
    return values


def cmd_correct_place(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import mention_anchor, open_workspace

    with open_workspace(args.workspace, create=False) as ws:
        hashes = {d.document.id: d.text_sha256 for d in ws.documents()}
        mention = next((m for m in ws.mentions() if (m.doc, m.start, m.end) == (args.doc, args.start, args.end)),
                       None)
        if mention is None:
            raise NotFound(f"no mention at {args.doc} {args.start}-{args.end} (spans: `geo mentions --workspace`)")
        if args.place_id:
            values = _place_values(ws, args.place_id)
        else:
            from geo.aggregate.corrections import checked_point

            lon, lat = checked_point(*args.lonlat)
            values = {"place_id": f"pt:{lon:.5f},{lat:.5f}", "name": args.name or mention.surface,
                      "lat": lat, "lon": lon,
                      "kind": "point", "country": ""}
        fix = ws.add_correction("mention", "place", hashes[args.doc], mention_anchor(mention), values,
                                author_of(args))
        _refresh(ws)
    print(f"geo: correction {fix.fid}: {mention.surface!r} in {args.doc} {fix.describe()}", file=sys.stderr)


def cmd_correct_not_place(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import open_workspace

    with open_workspace(args.workspace, create=False) as ws:
        fix = ws.add_correction("name", "not_place", "", {"name": args.name}, {}, author_of(args))
        _refresh(ws)
    print(f"geo: correction {fix.fid}: {args.name!r} {fix.describe()}", file=sys.stderr)


def cmd_correct_gazetteer(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import LocalPlace, open_workspace

    with open_workspace(args.workspace, create=False) as ws:
        if args.new:
            from geo.aggregate.corrections import checked_point

            lon, lat = checked_point(*args.lonlat)
            place = LocalPlace(0, args.name, lat, lon, args.kind, args.country, "", (args.name,), author_of(args))
        else:
            v = _place_values(ws, args.place_id)
            place = LocalPlace(0, v["name"], v["lat"], v["lon"], v["kind"], v["country"], v["place_id"],
                               (args.name,), author_of(args))
        stored = ws.add_place(place)
        _refresh(ws)
    print(f"geo: {args.name!r} added to the workspace gazetteer as {stored.place_id} (used for names the "
          "geoparser finds but cannot resolve)", file=sys.stderr)


def cmd_correct_withdraw(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import open_workspace

    with open_workspace(args.workspace, create=False) as ws:
        ws.withdraw_correction(args.number, author_of(args))
        _refresh(ws)
    print(f"geo: correction {args.number} withdrawn", file=sys.stderr)


def cmd_correct_log(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.workspace import open_workspace

    with open_workspace(args.workspace, create=False) as ws:
        if args.csv:
            write_edit_log_csv(ws, args.csv)
        for fix in ws.corrections():
            print(f"{fix.fid}\t{fix.target}\t{fix.describe()}\t{json.dumps(fix.anchor)}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    failures: list[DocumentError] = []
    try:
        with using(Settings.from_environment()):  # the one place the settings are read
            args.run(args, failures)
    except BrokenPipeError:  # `geo mentions ... | head`
        return 0
    except NotFound as err:
        print(f"geo: {err}", file=sys.stderr)
        return 1
    except (OSError, ValueError, WorkspaceError) as err:
        print(f"geo: error: {err}", file=sys.stderr)
        return 2
    if failures:
        print(f"geo: {len(failures)} file(s) could not be read", file=sys.stderr)
        return 1
    return 0
