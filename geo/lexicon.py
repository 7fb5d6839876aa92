"""Kept for old imports: the lexicon loader now lives in :mod:`geo.knowledge.records`."""
from geo.knowledge.records import (  # noqa: F401
    USER_DIR_VARIABLE, LexiconError, Source, actor_records, check_choice, compile_pattern, load_table, sources,
    user_files,
)
