"""What the server keeps, kept out of the garbage collector's way.

Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``), and a
full collection walks every container the server holds: the gazetteer index, the corpus analyses,
the views, the built maps. Here that took 0.15-0.45 s with the demo corpus, holding the GIL, so
the server sent nothing meanwhile: the map of a session's first run reached the browser only
after it (0.5-0.7 s of a 2.4 s warm load), and every click's run paid it too.

What the app caches lives as long as the server, so once built it is moved to the collector's
permanent generation (:func:`gc.freeze`, after a collection so that no garbage is frozen): later
collections walk only what was made since. Objects frozen are still freed when nothing refers to
them (reference counting); only a reference cycle among them would outlive its use.
"""
from __future__ import annotations

import gc
from typing import TypeVar

T = TypeVar("T")


def kept(value: T) -> T:
    """``value`` (just built, to be cached for the server's life), with everything the server holds
    now moved out of the reach of later collections."""
    gc.collect()
    gc.freeze()
    return value
