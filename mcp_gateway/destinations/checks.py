"""Checking `$.send` arguments when the action calls it, so a mistake fails the run that made it
rather than a delivery minutes later."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mcp_gateway.net import EgressDenied, EgressPolicy

from .errors import DestinationError

MAX_PAYLOAD = 1024 * 1024  # bytes of JSON in one event, request body or email
MAX_RECIPIENTS = 50
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def fields(
    call: str, params: Mapping[str, Any] | None, given: Mapping[str, Any], *, allowed: Sequence[str], required: Sequence[str]
) -> dict[str, Any]:
    """The call's fields, from one mapping (`$.send.s3({...})`, as in JavaScript) or keywords."""
    if params is not None and given:
        raise DestinationError(f"{call}: pass the fields either as one object or as keyword arguments, not both")
    if params is not None and not isinstance(params, Mapping):
        raise DestinationError(f"{call} takes an object with the fields {', '.join(allowed)}, not {type(params).__name__}")
    values = dict(params if params is not None else given)
    unknown = [name for name in values if name not in allowed]
    if unknown:
        raise DestinationError(f"{call}: unknown field {unknown[0]!r}; the fields are {', '.join(allowed)}")
    missing = [name for name in required if values.get(name) is None]
    if missing:
        raise DestinationError(f"{call}: {missing[0]} is required")
    return values


def to_json(value: Any, where: str) -> str:
    """One line of JSON, or a DestinationError saying why the value is not JSON."""
    try:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise DestinationError(f"{where} must be JSON-serializable: {exc}") from None
    if len(text.encode()) > MAX_PAYLOAD:
        raise DestinationError(f"{where} is larger than {MAX_PAYLOAD // 1024} KB of JSON")
    return text


def text(value: Any, where: str, *, max_length: int, one_line: bool = True, empty: bool = False) -> str:
    if not isinstance(value, str):
        raise DestinationError(f"{where} must be a string, not {type(value).__name__}")
    if not empty and not value.strip():
        raise DestinationError(f"{where} must not be empty")
    if len(value) > max_length:
        raise DestinationError(f"{where} must be at most {max_length} characters")
    if one_line and _CONTROL.search(value):
        raise DestinationError(f"{where} must be one line without control characters")
    return value


def bucket(value: Any, allowed: Sequence[str]) -> str:
    name = text(value, "$.send.s3: bucket", max_length=63)
    if not _BUCKET.fullmatch(name) or ".." in name:
        raise DestinationError(
            f"$.send.s3: {name!r} is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)"
        )
    if allowed and name not in allowed:
        raise DestinationError(f"$.send.s3: bucket {name!r} is not one this gateway delivers to; ask its operator")
    return name


def prefix(value: Any) -> str:
    if value is None:
        return ""
    return text(value, "$.send.s3: prefix", max_length=900, empty=True).strip("/")


def http_url(value: Any, *, egress: EgressPolicy) -> str:
    url = text(value, "$.send.http: url", max_length=2000)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DestinationError(f"$.send.http: url {url!r} must be an absolute http:// or https:// URL")
    try:
        egress.check_literal(url)  # the delivery checks the resolved addresses again
    except EgressDenied as exc:
        raise DestinationError(f"$.send.http: {exc}") from None
    return url


def url_target(url: str) -> str:
    """The URL as a run's delivery report shows it: no credentials, no query (tokens live there)."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def string_map(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise DestinationError(f"{where} must be an object of names to values")
    out: dict[str, str] = {}
    for name, item in value.items():
        if not isinstance(item, (str, int, float, bool)):
            raise DestinationError(f"{where}: {name!r} must be a string or number")
        out[text(str(name), f"{where} name", max_length=200)] = text(str(item), f"{where}: {name}", max_length=8000, empty=True)
    return out


def basic_auth(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("username"), str) or not isinstance(value.get("password"), str):
        raise DestinationError("$.send.http: auth must be {username, password} with string values")
    return [value["username"], value["password"]]


def recipients(value: Any, default: Sequence[str]) -> list[str]:
    if value is None:
        if not default:
            raise DestinationError("$.send.email: no recipient; pass `to`, or set MCP_GATEWAY_SMTP_TO on the gateway")
        return list(default)
    addresses = [value] if isinstance(value, str) else value
    if not isinstance(addresses, Sequence) or not addresses:
        raise DestinationError("$.send.email: to must be an email address or a list of them")
    if len(addresses) > MAX_RECIPIENTS:
        raise DestinationError(f"$.send.email: at most {MAX_RECIPIENTS} recipients")
    out = []
    for address in addresses:
        checked = text(address, "$.send.email: to", max_length=320)
        if "@" not in parseaddr(checked)[1]:
            raise DestinationError(f"$.send.email: {checked!r} is not an email address")
        out.append(checked)
    return out
