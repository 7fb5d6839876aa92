"""What a use case raises when it cannot be carried out; the shells turn these into messages."""
from __future__ import annotations

from geo.documents import DocumentError
from geo.workspace import WorkspaceError


class UsageError(ValueError):
    """A request that cannot be carried out as given; the message says what to change."""


class NotFound(LookupError):
    """Nothing matched what was asked for (a claim id, a mention's span, a place name)."""


__all__ = ["DocumentError", "NotFound", "UsageError", "WorkspaceError"]
