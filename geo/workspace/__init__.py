"""The analyst's workspace: the corpus, its analysis and the analyst's corrections in one database.

Stages never talk to a database themselves: they hand plain :mod:`geo.model` objects to a
:class:`Workspace` and get them back. The default backend is one GeoPackage file (SQLite in WAL
mode, so QGIS opens it as it is and two processes can write it at once); a server backend
(PostgreSQL/PostGIS) would be another class behind the same interface.

>>> with open_workspace("analysis.gpkg") as ws:  # doctest: +SKIP
...     stored, added = ws.add_source(source, author="rana")
"""
from geo.workspace.base import (
    Correction, LocalPlace, StoredDocument, Workspace, WorkspaceError, claim_anchor, mention_anchor, text_sha256,
)
from geo.workspace.geopackage import SCHEMA_VERSION, GeoPackageWorkspace, move_aside, write_attribute_table


def open_workspace(target: str, create: bool = True) -> Workspace:
    """Open (or, with ``create``, start) the workspace at ``target``: a file path for the GeoPackage
    backend. A server URL is refused with a message until a server backend exists."""
    if "://" in str(target):
        raise WorkspaceError(f"{target}: only a workspace file (.gpkg) is supported so far; a server "
                             "database (PostgreSQL/PostGIS) needs a backend that does not exist yet")
    return GeoPackageWorkspace.open(target, create=create)


__all__ = ["Correction", "LocalPlace", "StoredDocument", "Workspace", "WorkspaceError", "GeoPackageWorkspace",
           "SCHEMA_VERSION", "claim_anchor", "mention_anchor", "move_aside", "open_workspace", "text_sha256",
           "write_attribute_table"]
