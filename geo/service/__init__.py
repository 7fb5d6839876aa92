"""The application's use cases, one module each; the ``geo`` command and the app call these and
only parse input and render output themselves.

- :mod:`~geo.service.analysis`: files to documents, mentions, claims and the whole analysis; the
  analysis as of a day or within a period;
- :mod:`~geo.service.versions`: the analyser version (packaged code and data, the user's lexicon
  and the settings that change an analysis), which tells a workspace what to analyse again;
- :mod:`~geo.service.workspaces`: ingest, analyse what changed, the analysis with the analyst's
  corrections applied (:class:`ReviewedAnalysis`), the map layers, a backup;
- :mod:`~geo.service.corrections`: find a claim by its id, correct claims, mentions and names,
  the workspace's own gazetteer, the edit log;
- :mod:`~geo.service.exports`: every export format by one path, the standalone map;
- :mod:`~geo.service.places`: look places up (geocode, candidates for a name), the index, sources;
- :mod:`~geo.service.evaluation`: scores against a gold file or coded events.

Settings (:mod:`geo.settings`) are installed by the shell before any of these run.

>>> from geo.service import analyse, read_documents, export  # doctest: +SKIP
>>> analysis = analyse(list(read_documents(["data/demo"], on_error=print)))  # doctest: +SKIP
>>> export(analysis, "out.gpkg", "gpkg")  # doctest: +SKIP
"""
from geo.service.analysis import (CLAIM_FIELDS, MENTION_FIELDS, analyse, checked_date, claims, confidence_thresholds,
                                  fields, mentions, read_documents, time_window)
from geo.service.corrections import (add_local_place, correct_claim, find_claim, mark_not_place, replace_mention,
                                     withdraw, write_edit_log_csv)
from geo.service.errors import DocumentError, NotFound, UsageError, WorkspaceError
from geo.service.exports import Export, check_format, export, export_format, write_map
from geo.service.places import geocode, place_candidates, place_values, prepare_index, sources_text
from geo.service.versions import analyser_version, workspace_version
from geo.service.workspaces import (Backup, ReviewedAnalysis, analyse_workspace, backup, ingest, ingest_and_analyse,
                                    layers_stale, open_workspace, store_layers, update_workspace)

__all__ = [
    "confidence_thresholds", "CLAIM_FIELDS", "MENTION_FIELDS",
    "analyse", "checked_date", "claims", "fields", "mentions", "read_documents", "time_window",
    "add_local_place", "correct_claim", "find_claim", "mark_not_place", "replace_mention", "withdraw",
    "write_edit_log_csv", "DocumentError", "NotFound", "UsageError", "WorkspaceError",
    "Export", "check_format", "export", "export_format", "write_map",
    "geocode", "place_candidates", "place_values", "prepare_index", "sources_text",
    "analyser_version", "workspace_version",
    "Backup", "ReviewedAnalysis", "analyse_workspace", "backup", "ingest", "ingest_and_analyse", "layers_stale",
    "open_workspace", "store_layers", "update_workspace",
]
