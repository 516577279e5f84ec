"""A file's content type, told from its first bytes rather than taken from the sender."""

from __future__ import annotations

import fnmatch
import mimetypes
import re
from collections.abc import Sequence

import filetype

from .errors import FileTypeRefused

HEAD = 8192  # bytes the magic numbers are looked for in
OCTET_STREAM = "application/octet-stream"

_TEXTUAL = {
    "application/json", "application/xml", "application/javascript", "application/ecmascript", "application/x-yaml",
    "application/yaml", "application/x-ndjson", "application/sql", "application/toml", "application/graphql",
    "application/x-sh", "application/csv", "image/svg+xml",
}
# Formats stored as zip archives: a zip sniff is what they look like.
_ZIP_FAMILY = ("application/zip", "application/x-zip-compressed", "application/vnd.openxmlformats-officedocument.",
               "application/vnd.oasis.opendocument.", "application/epub+zip", "application/java-archive",
               "application/vnd.android.package-archive", "application/vnd.ms-")
_DETECTABLE = frozenset(t.mime for t in filetype.types)
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "audio/mp3": "audio/mpeg",
            "application/x-pdf": "application/pdf", "image/x-png": "image/png"}
# A media type as RFC 6838 spells one, at most as long as the store's content type columns.
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
_MAX_TYPE_LENGTH = 200


def base_type(content_type: str | None) -> str | None:
    """`Text/CSV; charset=utf-8` as `text/csv`; None for nothing useful (not a media type, or
    one too long to keep)."""
    if not content_type:
        return None
    value = content_type.split(";", 1)[0].strip().lower()
    if len(value) > _MAX_TYPE_LENGTH or not _MEDIA_TYPE.fullmatch(value):
        return None
    return _ALIASES.get(value, value)


def is_textual(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in _TEXTUAL or content_type.endswith(("+json", "+xml"))


def looks_like_text(head: bytes, *, truncated: bool) -> bool:
    """UTF-8 without NUL bytes (a character cut at the end of a truncated head is fine)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return truncated and exc.start >= len(head) - 3
    return True


def sniff(head: bytes, name: str | None = None, *, truncated: bool = False) -> str:
    """The content type of bytes starting with `head`: magic numbers first; text gets its type
    from the name's extension when that names a text type."""
    kind = filetype.guess(head) if head else None
    if kind is not None:
        return _ALIASES.get(kind.mime, kind.mime)
    if looks_like_text(head, truncated=truncated):
        guessed = base_type(mimetypes.guess_type(name or "")[0])
        return guessed if guessed and is_textual(guessed) else "text/plain"
    return OCTET_STREAM


def checked_type(
    head: bytes, name: str | None, declared: str | None, allowed: Sequence[str] = (), *, truncated: bool = False
) -> str:
    """The type to record for a file: sniffed, checked against what the sender said and the
    types allowed. Text can't be told apart by its bytes, so a text type the sender names wins."""
    sniffed = sniff(head, name, truncated=truncated)
    claimed = base_type(declared)
    if claimed is not None and not _compatible(claimed, sniffed):
        raise FileTypeRefused(
            f"{name or 'the file'} is declared as {claimed} but its content is {sniffed}; "
            "send the right content type, or leave it out"
        )
    chosen = claimed if claimed is not None and is_textual(claimed) and is_textual(sniffed) else sniffed
    if allowed and not any(fnmatch.fnmatchcase(chosen, pattern.strip().lower()) for pattern in allowed):
        raise FileTypeRefused(f"{name or 'the file'} is {chosen}; this gateway accepts only {', '.join(allowed)}")
    return chosen


def _compatible(claimed: str, sniffed: str) -> bool:
    if claimed in (OCTET_STREAM, "binary/octet-stream") or _plain(claimed) == _plain(sniffed):
        return True
    if is_textual(claimed) or is_textual(sniffed):
        return is_textual(claimed) and is_textual(sniffed)
    if claimed.startswith(_ZIP_FAMILY) and sniffed.startswith(_ZIP_FAMILY):
        return True
    # A binary format with no magic number known here: nothing in the bytes contradicts the claim.
    return sniffed == OCTET_STREAM and claimed not in _DETECTABLE


def _plain(content_type: str) -> str:
    """`audio/x-wav` and `audio/wav` are the same type."""
    major, _, minor = content_type.partition("/")
    return f"{major}/{minor.removeprefix('x-')}"
