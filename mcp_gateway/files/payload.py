"""Files inside JSON: embedded base64 files (`name`, `contentType`, `contentBytes`), the
references that replace them, and the paths (`attachments[0].file`) that say where each was."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import BadFileInput

FILE_ID_PREFIX = "file_"
FILE_ID = re.compile(r"^file_[A-Za-z0-9]{24}$")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_DATA_URL = re.compile(r"^data:[^,]*;base64,", re.IGNORECASE)

Path = tuple[str | int, ...]


def is_embedded_file(value: Any) -> bool:
    return isinstance(value, Mapping) and isinstance(value.get("contentBytes"), str) and isinstance(value.get("name"), str)


def file_id_of(value: Any) -> str | None:
    """The file id a value refers to: an ingestion reference `{"file_id": ...}` or a bare id."""
    if isinstance(value, Mapping) and isinstance(value.get("file_id"), str):
        return value["file_id"]
    if isinstance(value, str) and FILE_ID.match(value):
        return value
    return None


def embedded_files(payload: Any, at: Path = ()) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Every embedded file in `payload`, with where it is."""
    if is_embedded_file(payload):
        yield at, payload
    elif isinstance(payload, Mapping):
        for key, value in payload.items():
            yield from embedded_files(value, (*at, str(key)))
    elif isinstance(payload, list):
        for index, value in enumerate(payload):
            yield from embedded_files(value, (*at, index))


def mentions_files(payload: Any) -> bool:
    """Whether a payload holds an embedded file or a file reference anywhere."""
    if is_embedded_file(payload) or file_id_of(payload) is not None:
        return True
    if isinstance(payload, Mapping):
        return any(mentions_files(v) for v in payload.values())
    if isinstance(payload, list):
        return any(mentions_files(v) for v in payload)
    return False


def replace_at(payload: Any, at: Path, value: Any) -> Any:
    """A copy of `payload` with `value` at `at` (containers on the way are copied, the rest shared)."""
    if not at:
        return value
    head, rest = at[0], at[1:]
    if isinstance(payload, list):
        copy = list(payload)
        copy[int(head)] = replace_at(payload[int(head)], rest, value)
        return copy
    return {**payload, head: replace_at(payload[head], rest, value)}


def pointer(at: Path) -> str:
    """Where a file was, written as in the payload's own terms: `attachments[0].file`."""
    out = ""
    for part in at:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def decoded_size(content: str) -> int:
    """About how many bytes `content` decodes to, to refuse oversized files before decoding them."""
    return (len(content) * 3) // 4


def decode(content: str, name: str) -> bytes:
    """Standard or URL-safe base64, with or without padding, line breaks or a `data:` prefix."""
    text = "".join(_DATA_URL.sub("", content.strip()).split())
    text += "=" * (-len(text) % 4)
    alphabet = b"-_" if ("-" in text or "_" in text) else None
    try:
        return base64.b64decode(text, altchars=alphabet, validate=True)
    except (binascii.Error, ValueError):
        raise BadFileInput(f"contentBytes of {name!r} is not valid base64") from None
