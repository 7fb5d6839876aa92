"""The ``geo`` command line (also ``python -m geo``).

    geo mentions PATH...                     one JSON line per place mention
    geo claims PATH... [--workers N]         one JSON line per claim
    geo export PATH... -o FILE [--format geojson|gpkg|parquet]
    geo map PATH... -o map.html              the map as one standalone HTML file
    geo evaluate --gold FILE PATH...         recall, precision and every miss
    geo index                                build (or find) the compiled gazetteer
    geo geocode NAME [--online]              look a name up through the geopy interface

Bad input files are reported one line each on stderr; the good files' results are still
printed; the exit status is 1 when any file failed.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Iterable, Iterator, Sequence

from geo.documents import DocumentError, iter_documents
from geo.model import Document


class UsageError(ValueError):
    """A request that cannot be carried out as given; the message says what to change."""


class NotFound(LookupError):
    """Nothing matched (exit status 1, a message on stderr)."""


def _documents(paths: Iterable[str], failures: list[DocumentError]) -> Iterator[Document]:
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            failures.append(item)
            print(f"geo: error: {item}", file=sys.stderr, flush=True)
        else:
            yield item


def _write_json_lines(rows: Iterable[dict]) -> None:
    out = sys.stdout
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for row in rows:
        out.write(dumps(row))
        out.write("\n")


MENTION_FIELDS = ("doc", "start", "end", "surface", "place_id", "name", "lat", "lon", "country", "kind",
                  "precision", "confidence", "role")
CLAIM_FIELDS = ("doc", "start", "end", "text", "actor", "relation", "place", "place_id", "lat", "lon",
                "to_place", "to_lat", "to_lon", "stance", "attribution", "confidence")


def cmd_mentions(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo.geoparse import Geoparser

    parser = Geoparser()
    for doc in _documents(args.paths, failures):
        _write_json_lines({f: getattr(m, f) for f in MENTION_FIELDS} for m in parser.parse(doc))


def cmd_claims(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    docs = _documents(args.paths, failures)
    if args.workers or args.scheduler:
        claims = _scale().claims_on_dask(docs, workers=args.workers, scheduler=args.scheduler)
    else:
        from geo.pipeline import claims_for_documents

        claims = claims_for_documents(docs)
    for claim in claims:
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
    analysis = analyse(list(_documents(args.paths, failures)))
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

    from geo.assets import DEFAULT_DEST, assets_present

    analysis = analyse(list(_documents(args.paths, failures)))
    write_map_html(analysis, args.output)
    print(f"geo: wrote {args.output}", file=sys.stderr)
    if not assets_present():
        print(f"geo: warning: the map's scripts are not in {DEFAULT_DEST}, so {args.output} loads them from the "
              "internet; run `python -m geo.assets` once (it needs npm) for a map that works offline", file=sys.stderr)


def cmd_evaluate(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    from geo import evaluate

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


def cmd_index(args: argparse.Namespace, failures: list[DocumentError]) -> None:
    import time

    from geo.geoparse.gazetteer import GazetteerIndex

    started = time.perf_counter()
    index = GazetteerIndex.load()
    print(f"geo: gazetteer index {index.db_path} ready in {time.perf_counter() - started:.2f} s")


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo", description="Places, claims and maps from conflict reporting on Syria and Iraq, offline.",
        epilog="Bad input files are reported one line each on stderr; the good files' results are still printed.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("mentions", help="place mentions as JSON lines")
    p.add_argument("paths", nargs="+")
    p.set_defaults(run=cmd_mentions)

    p = sub.add_parser("claims", help="claims as JSON lines")
    p.add_argument("paths", nargs="+")
    p.add_argument("--workers", type=int, default=0, help="run on a local Dask cluster of N workers")
    p.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler")
    p.set_defaults(run=cmd_claims)

    p = sub.add_parser("export", help="places, claims, zones and corridors as GeoJSON, GeoPackage or GeoParquet",
                       description="The format follows --format, else the output's suffix (.geojson/.json, "
                                   ".gpkg, .parquet; GeoJSON otherwise). GeoParquet output is a folder of "
                                   "datasets, one per layer, overwritten by a later run.")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--format", choices=("geojson", "gpkg", "parquet"))
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("map", help="the map as a standalone HTML file")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=cmd_map)

    p = sub.add_parser("evaluate", help="score against a gold CSV (places or claims)")
    p.add_argument("--gold", required=True)
    p.add_argument("paths", nargs="+")
    p.set_defaults(run=cmd_evaluate)

    p = sub.add_parser("index", help="build or locate the compiled gazetteer index")
    p.set_defaults(run=cmd_index)

    p = sub.add_parser("geocode", help="look a place name up")
    p.add_argument("name")
    p.add_argument("--online", action="store_true", help="fall back to Nominatim (network; rate-limited, cached)")
    p.set_defaults(run=cmd_geocode)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    failures: list[DocumentError] = []
    try:
        args.run(args, failures)
    except BrokenPipeError:  # `geo mentions ... | head`
        return 0
    except NotFound as err:
        print(f"geo: {err}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as err:
        print(f"geo: error: {err}", file=sys.stderr)
        return 2
    if failures:
        print(f"geo: {len(failures)} file(s) could not be read", file=sys.stderr)
        return 1
    return 0
