"""What the tool knows about language and the world, each fact written once as data.

The data are TOML files under ``geo/data/lexicon/`` read with ``importlib.resources`` and
validated on load (:mod:`geo.knowledge.records`: a broken record stops the program with an error
that starts ``file:line:``):

- ``words.toml`` (:mod:`geo.knowledge.words`): months, weekdays, compass points, link words,
  place nouns, titles and roles, the heads of Arabic place names. Every regex that needs one of
  these classes is built from it (:func:`alternation`), none spells the words out itself
  (``tests/test_knowledge.py`` checks);
- ``theatre.toml`` and ``demonyms.toml`` (:mod:`geo.knowledge.world`): the countries mapped and
  the demonyms, read by the gazetteer, the resolver and the claim engine alike;
- ``actors.toml``, ``relations.toml``, ``event_mapping.toml``: the claim engine's lexicons
  (``actor_records`` is also read by the geoparser).
"""
from geo.knowledge.records import (  # noqa: F401
    USER_DIR_VARIABLE, LexiconError, actor_records, check_choice, compile_pattern, load_table,
)
from geo.knowledge.words import (  # noqa: F401
    alternation, bearing_pattern, bearings, community_adjectives, compass_points, link_words, month_abbreviations, month_names, month_number,
    months, name_heads, name_tails, place_noun_pattern, place_nouns, roles, titles, weekdays,
)
from geo.knowledge.world import demonym_countries, demonym_records, theatre_countries, theatre_sql  # noqa: F401
