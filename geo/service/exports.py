"""Exports: the analysis as GeoJSON, GeoPackage, GeoParquet or (its claims) CSV: one path for every
format, the claims carrying the same columns in each, a workspace's with its review and edit log, and the
map as one standalone HTML file."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from geo.io import FORMATS, write_analysis
from geo.model import Analysis
from geo.service.analysis import scale
from geo.service.corrections import write_edit_log_csv
from geo.service.errors import UsageError
from geo.service.workspaces import ReviewedAnalysis
from geo.workspace import Workspace, write_attribute_table

SUFFIX_FORMATS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".parquet": "parquet", ".csv": "csv"}


def export_format(output: str, given: str | None) -> str:
    """The export format: ``given`` (``--format``) if any, else the output's suffix; a
    contradiction is a :class:`UsageError`.

    >>> export_format("out.gpkg", None), export_format("out.parquet", None), export_format("x", None)
    ('gpkg', 'parquet', 'geojson')
    """
    implied = SUFFIX_FORMATS.get(Path(output).suffix.lower())
    if given and implied and given != implied:
        raise UsageError(f"--format {given} contradicts the output name {output!r} (which says {implied}): "
                         "change one of them")
    return given or implied or "geojson"


def check_format(fmt: str) -> None:
    """A :class:`UsageError` before any work when ``fmt`` needs a missing extra (parquet: ``scale``)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt == "parquet":
        scale()


class Export(NamedTuple):
    """What an export wrote."""

    path: Path
    analysis: Analysis  # as exported
    edit_log: Path | None = None  # a workspace export's edit log, beside it
    rejected: int = 0  # a workspace's claims left out as rejected


def export(analysis: Analysis, output: str | Path, fmt: str, reviewed: ReviewedAnalysis | None = None,
           workspace: Workspace | None = None) -> Export:
    """Write ``analysis`` to ``output`` in ``fmt``. For a workspace (``reviewed`` with its
    ``workspace``) the claims carry ``claim_id`` and ``review`` in every format, and the edit log
    is written beside the output as CSV (``OUT.edit-log.csv``; inside a GeoPackage also as the
    table ``edit_log``)."""
    check_format(fmt)
    columns = reviewed.claim_columns(analysis) if reviewed is not None else None
    path = write_analysis(analysis, output, fmt, columns)
    if workspace is None:
        return Export(Path(path), analysis)
    if fmt == "gpkg":
        write_attribute_table(path, "edit_log", workspace.edit_log())
    log = write_edit_log_csv(workspace, Path(output).with_suffix(".edit-log.csv"))
    return Export(Path(path), analysis, log, len(reviewed.corrected.rejected))


def write_map(analysis: Analysis, output: str | Path, latest: bool = True) -> tuple[Path, Path | None]:
    """The map as one HTML file: (its path, the folder of map scripts it would inline when they
    are missing there, so it loads them from the internet; None when it works offline). It shows
    the state as of the latest dated claim, or every claim at once when ``latest`` is False."""
    from geo.assets import assets_present, vendor_dir
    from geo.mapview import LATEST, write_map_html

    vendor = vendor_dir()
    path = write_map_html(analysis, output, vendor, day=LATEST if latest else None)
    return Path(path), None if assets_present(vendor) else vendor
