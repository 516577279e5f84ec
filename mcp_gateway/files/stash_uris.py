"""The URIs that name File Stash files as MCP resources: `stash://{stash_id}/{path}`.

The stash id is the authority; the path is the file's path under the run's /tmp (`/tmp/out/a.csv`
is `stash://<id>/out/a.csv`), each segment percent-encoded. Such a URI is read with
`resources/read` by the stash's owner while the stash lasts (24 hours); the same file's https
download link works for anyone holding it, for 30 minutes.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import quote, unquote

SCHEME: Final = "stash"
# As RFC 6570 writes it: `{+path}` may hold slashes.
URI_TEMPLATE: Final = "stash://{stash_id}/{+path}"
_PREFIX: Final = f"{SCHEME}://"


def stash_uri(stash_id: str, path: str) -> str:
    """The resource URI of the file at `path` (relative to /tmp) in the stash `stash_id`."""
    return f"{_PREFIX}{stash_id}/{quote(path, safe='/')}"


def is_stash_uri(uri: str) -> bool:
    return uri[: len(_PREFIX)].lower() == _PREFIX


def parse_stash_uri(uri: str) -> tuple[str, str] | None:
    """The stash id and /tmp-relative path a stash URI names; None for a URI that can name no
    file (another scheme, no path, a query or fragment, empty, `.` or `..` segments). The path is
    only looked up among the stash's rows, never joined to a folder."""
    if not is_stash_uri(uri) or "?" in uri or "#" in uri:
        return None
    stash_id, slash, encoded = uri[len(_PREFIX):].partition("/")
    if not stash_id or not slash or not encoded:
        return None
    path = unquote(encoded)
    if any(part in ("", ".", "..") for part in path.split("/")) or "\x00" in path:
        return None
    return stash_id, path
