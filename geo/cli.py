"""The ``geo`` command line (also ``python -m geo``): parses the arguments, calls the use cases of
:mod:`geo.service` and prints what they return.

    geo mentions PATH...                     one JSON line per place mention
    geo claims PATH... [--workers N]         one JSON line per claim
    geo export PATH... -o FILE [--format geojson|gpkg|parquet|csv] [--as-of DATE | --from DATE --to DATE]
    geo map PATH... -o map.html [--as-of DATE | --all-dates]   the map as one standalone HTML file
    geo evaluate --gold FILE PATH...         recall, precision and every miss
    geo evaluate --events FILE [--part P]    claims scored on coded events (ACLED, UCDP GED, PITF)
    geo index                                build (or find) the compiled gazetteer
    geo ingest PATH... --workspace W.gpkg    add documents to a workspace and analyse what changed
    geo claims|export|map --workspace W.gpkg read a workspace, corrections applied (PATHs are ingested first)
    geo correct reject|confirm|set|place|not-place|alias|new-place|withdraw|log --workspace W.gpkg ...
    geo workspace backup W.gpkg OUT.gpkg     a consistent copy of a workspace, safe while others write
    geo geocode NAME [--online]              look a name up through the geopy interface

Bad input files are reported one line each on stderr; the good files' results are still
printed; the exit status is 1 when any file failed. The settings come from the environment
(:meth:`geo.settings.Settings.from_environment`), read once here.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Iterable, Sequence

from geo import service
from geo.service import CLAIM_FIELDS, MENTION_FIELDS, NotFound, UsageError, export_format  # noqa: F401 (API)
from geo.settings import Settings, current, using


class Run:
    """One command's run: its arguments and the input files that could not be read."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.failures: list[service.DocumentError] = []

    def failed(self, error: service.DocumentError) -> None:
        self.failures.append(error)
        print(f"geo: error: {error}", file=sys.stderr, flush=True)

    def documents(self, date: str | None = None):
        """The documents of the PATHs given (usage error when none are)."""
        if not self.args.paths:
            self.args.subparser.error("give files or folders to read, or --workspace W.gpkg")  # usage, exit 2
        return service.read_documents(self.args.paths, self.failed, date)

    @property
    def author(self) -> str:
        """Who is making a change: --author, else $GEO_AUTHOR, else the login name."""
        return getattr(self.args, "author", None) or current().who()

    def workspace(self, create: bool = True):
        """``--workspace``, opened (and, with ``create``, started when missing); the PATHs given are
        ingested into it first."""
        ws = service.open_workspace(self.args.workspace, create=create)
        if getattr(self.args, "paths", None):
            service.ingest(ws, self.args.paths, self.author, self.failed, added, getattr(self.args, "date", None))
        return ws

    def reviewed(self, ws, min_confidence: float = 0.0) -> service.ReviewedAnalysis:
        """The workspace's analysis with its corrections, a warning per correction that cannot apply."""
        reviewed = service.analyse_workspace(ws, min_confidence=min_confidence)
        for fix, why in reviewed.corrected.invalid:
            print(f"geo: warning: correction {fix.fid} ({fix.describe()}) is invalid and was skipped: {why}; "
                  f"withdraw it with `geo correct withdraw {fix.fid}`", file=sys.stderr)
        return reviewed

    def dated(self, analysis):
        """The analysis as of ``--as-of`` or within ``--from``/``--to``."""
        a = self.args
        return service.time_window(analysis, a.as_of, getattr(a, "date_from", None), getattr(a, "date_to", None),
                                   keep_undated=not getattr(a, "drop_undated", False))


def added(stored) -> None:
    print(f"geo: added {stored.document.id} (version {stored.version}, {stored.kind}, {stored.encoding})",
          file=sys.stderr, flush=True)


def write_json_lines(rows: Iterable[dict]) -> None:
    out = sys.stdout
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for row in rows:
        out.write(dumps(row))
        out.write("\n")


# --------------------------------------------------------------------------- commands


def cmd_mentions(run: Run) -> None:
    if run.args.workspace:
        with run.workspace() as ws:
            mentions = run.reviewed(ws).analysis.mentions
            write_json_lines(service.fields(m, MENTION_FIELDS) for m in mentions)
        return
    write_json_lines(service.fields(m, MENTION_FIELDS) for m in service.mentions(run.documents()))


def cmd_claims(run: Run) -> None:
    args = run.args
    if args.workspace:
        with run.workspace() as ws:
            reviewed = run.reviewed(ws, args.min_confidence)
            notes = reviewed.corrected.notes
            write_json_lines({"claim_id": reviewed.claim_id(c), **service.fields(c, CLAIM_FIELDS),
                              "place_start": c.place_start, "place_end": c.place_end,
                              "review": "; ".join(notes.get(c, []))} for c in reviewed.analysis.claims)
        return
    claims = service.claims(run.documents(args.date), args.min_confidence, args.workers, args.scheduler)
    write_json_lines(service.fields(c, CLAIM_FIELDS) for c in claims)


def cmd_export(run: Run) -> None:
    args = run.args
    fmt = export_format(args.output, args.format)
    service.check_format(fmt)  # say which extra is missing before any work
    if not args.workspace:
        analysis = run.dated(service.analyse(list(run.documents(args.date)), args.min_confidence))
        done = service.export(analysis, args.output, fmt)
        print(f"geo: wrote {args.output} ({len(analysis.claims)} claims, {len(analysis.zones)} zones, "
              f"{len(analysis.corridors)} corridors)", file=sys.stderr)
        return
    with run.workspace() as ws:
        reviewed = run.reviewed(ws, args.min_confidence)
        done = service.export(run.dated(reviewed.analysis), args.output, fmt, reviewed, ws)
    view = done.analysis
    print(f"geo: wrote {args.output} ({len(view.claims)} claims, {done.rejected} rejected left out, "
          f"{len(view.zones)} zones, {len(view.corridors)} corridors) and {done.edit_log}", file=sys.stderr)


def cmd_map(run: Run) -> None:
    args = run.args
    if args.workspace:
        with run.workspace() as ws:
            analysis = run.dated(run.reviewed(ws, args.min_confidence).analysis)
    else:
        analysis = run.dated(service.analyse(list(run.documents(args.date)), args.min_confidence))
    _, missing = service.write_map(analysis, args.output, latest=not args.all_dates)
    print(f"geo: wrote {args.output}", file=sys.stderr)
    if missing:
        print(f"geo: warning: the map's scripts are not in {missing}, so {args.output} loads them from the "
              "internet; run `python -m geo.assets` once (it needs npm) for a map that works offline", file=sys.stderr)


def cmd_evaluate(run: Run) -> None:
    from geo.service import evaluation

    args = run.args
    if args.events:
        for report in evaluation.score_events(args.events, args.part, args.misses):
            print(report)
        return
    if not args.gold or not args.paths:
        raise SystemExit("geo evaluate: give --gold FILE PATH... or --events FILE")
    print(evaluation.score_gold(args.gold, list(run.documents())))


def cmd_sources(run: Run) -> None:
    print(service.sources_text())


def cmd_index(run: Run) -> None:
    path, seconds = service.prepare_index()
    print(f"geo: gazetteer index {path} ready in {seconds:.2f} s")


def cmd_app(run: Run) -> None:
    from geo.app import launch

    args = run.args
    app_args = [*(["--workspace", args.workspace] if args.workspace else []),
                *(["--corpus", args.corpus] if args.corpus else [])]
    options = [*(["--server.port", str(args.port)] if args.port else []),
               *(["--server.address", args.address] if args.address else [])]
    status = launch(app_args, options)
    if status:
        raise SystemExit(status)


def cmd_geocode(run: Run) -> None:
    places = service.geocode(run.args.name, run.args.online)
    for place in places:
        print(json.dumps(place, ensure_ascii=False))
    if not places:
        raise NotFound(f"no place named {run.args.name!r} in the gazetteer" + ("" if run.args.online else " (try --online)"))


def cmd_ingest(run: Run) -> None:
    args = run.args
    with service.open_workspace(args.workspace) as ws:
        new, same, analysed = service.ingest_and_analyse(
            ws, args.paths, run.author, run.failed, added, on_analysed=lambda d: print(
                f"geo: analysed {d.document.id}", file=sys.stderr, flush=True), date=args.date,
            analyse=not args.no_analyse)
        print(f"geo: {args.workspace}: {new} added, {same} already there, {analysed} analysed, "
              f"{len(ws.documents())} documents", file=sys.stderr)


def cmd_workspace_backup(run: Run) -> None:
    done = service.backup(run.args.workspace, run.args.output)
    print(f"geo: copied {run.args.workspace} to {done.path} ({done.documents} documents, {done.corrections} "
          "active corrections)", file=sys.stderr)


def cmd_correct_claim(run: Run) -> None:
    args = run.args
    values = {f: getattr(args, f) for f in ("actor", "relation", "stance", "date")} if args.action == "set" else None
    if values is not None and not any(values.values()):
        raise UsageError("say what to change: --actor, --relation, --stance or --date")
    with run.workspace(create=False) as ws:
        fix = service.correct_claim(ws, args.claim, args.action, run.author, values, args.new_actor)
    print(f"geo: correction {fix.fid}: claim {args.claim} {fix.describe()}", file=sys.stderr)


def cmd_correct_place(run: Run) -> None:
    args = run.args
    with run.workspace(create=False) as ws:
        fix, mention = service.replace_mention(ws, args.doc, args.start, args.end, run.author, args.place_id,
                                               args.lonlat, args.name)
    print(f"geo: correction {fix.fid}: {mention.surface!r} in {args.doc} {fix.describe()}", file=sys.stderr)


def cmd_correct_not_place(run: Run) -> None:
    with run.workspace(create=False) as ws:
        fix = service.mark_not_place(ws, run.args.name, run.author)
    print(f"geo: correction {fix.fid}: {run.args.name!r} {fix.describe()}", file=sys.stderr)


def cmd_correct_gazetteer(run: Run) -> None:
    args = run.args
    with run.workspace(create=False) as ws:
        if args.new:
            stored = service.add_local_place(ws, args.name, run.author, args.lonlat, args.kind, args.country)
        else:
            stored = service.add_local_place(ws, args.name, run.author, place_id=args.place_id)
    print(f"geo: {args.name!r} added to the workspace gazetteer as {stored.place_id} (used for names the "
          "geoparser finds but cannot resolve)", file=sys.stderr)


def cmd_correct_withdraw(run: Run) -> None:
    with run.workspace(create=False) as ws:
        service.withdraw(ws, run.args.number, run.author)
    print(f"geo: correction {run.args.number} withdrawn", file=sys.stderr)


def cmd_correct_log(run: Run) -> None:
    with run.workspace(create=False) as ws:
        if run.args.csv:
            service.write_edit_log_csv(ws, run.args.csv)
        for fix in ws.corrections():
            print(f"{fix.fid}\t{fix.target}\t{fix.describe()}\t{json.dumps(fix.anchor)}")


# --------------------------------------------------------------------------- arguments


def iso_date(text: str) -> str:
    """An argparse type: an ISO 8601 date (YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY), checked."""
    try:
        return service.checked_date(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_date_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=iso_date, metavar="DATE",
                   help="publication date of the documents given (YYYY-MM-DD), overriding the date they state")


def add_confidence_option(p: argparse.ArgumentParser) -> None:
    default, suggested = service.confidence_thresholds()
    p.add_argument("--min-confidence", type=float, default=default, metavar="C",
                   help=f"leave out claims below confidence C (default {default:g}: every claim; "
                        f"{suggested:g} is the calibration's suggestion for long-form text)")


def add_time_options(p: argparse.ArgumentParser, with_range: bool) -> None:
    p.add_argument("--as-of", type=iso_date, metavar="DATE",
                   help="who held what on DATE: the latest claims up to then (a month or year means its last day)")
    if with_range:
        p.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE", help="only claims dated on or after DATE")
        p.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE", help="only claims dated on or before DATE")
    p.add_argument("--drop-undated", action="store_true", help="leave out claims with no date (kept by default)")


def add_workspace_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*")
    p.add_argument("--workspace", default=None,
                   help="read a workspace (.gpkg) with its corrections; PATHs given are ingested into it first")
    p.add_argument("--author", default=None, help=argparse.SUPPRESS)
    p.set_defaults(subparser=p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo", description="Places, claims and maps from conflict reporting on Syria and Iraq, offline.",
        epilog="Bad input files are reported one line each on stderr; the good files' results are still printed.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("mentions", help="place mentions as JSON lines")
    add_workspace_options(p)
    p.set_defaults(run=cmd_mentions)

    p = sub.add_parser("claims", help="claims as JSON lines")
    add_workspace_options(p)
    p.add_argument("--workers", type=int, default=0, help="run on a local Dask cluster of N workers")
    p.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler")
    add_date_option(p)
    add_confidence_option(p)
    p.set_defaults(run=cmd_claims)

    p = sub.add_parser("export", help="places, claims, zones and corridors as GeoJSON, GeoPackage or GeoParquet "
                                      "(the claims alone as CSV)",
                       description="The format follows --format, else the output's suffix (.geojson/.json, "
                                   ".gpkg, .parquet, .csv; GeoJSON otherwise). GeoParquet output is a folder of "
                                   "datasets, one per layer, overwritten by a later run; CSV holds the claims.")
    add_workspace_options(p)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--format", choices=("geojson", "gpkg", "parquet", "csv"))
    add_date_option(p)
    add_time_options(p, with_range=True)
    add_confidence_option(p)
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("map", help="the map as a standalone HTML file")
    add_workspace_options(p)
    p.add_argument("-o", "--output", required=True)
    add_date_option(p)
    add_time_options(p, with_range=False)
    p.add_argument("--all-dates", action="store_true",
                   help="draw every claim at once instead of the state as of the latest dated claim (the default)")
    add_confidence_option(p)
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
    add_date_option(p)
    p.set_defaults(run=cmd_ingest)

    add_correct_parser(sub)
    add_workspace_parser(sub)
    return parser


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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = Run(args)
    try:
        with using(Settings.from_environment()):  # the one place the settings are read
            args.run(run)
    except BrokenPipeError:  # `geo mentions ... | head`
        return 0
    except NotFound as err:
        print(f"geo: {err}", file=sys.stderr)
        return 1
    except (OSError, ValueError, service.WorkspaceError) as err:
        print(f"geo: error: {err}", file=sys.stderr)
        return 2
    if run.failures:
        print(f"geo: {len(run.failures)} file(s) could not be read", file=sys.stderr)
        return 1
    return 0
