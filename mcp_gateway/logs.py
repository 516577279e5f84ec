"""Log lines for people and for log collectors: text or one JSON object a line, each carrying
the id of the HTTP request it was written for, with secrets masked on the way out.

Masking happens in the formatters, so it covers every logger (ours, uvicorn's, libraries')
and every part of a record: the message, its arguments, the traceback and `extra` fields.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

MASK = "***"

# The id of the HTTP request being served, set by the request middleware.
current_request_id: ContextVar[str | None] = ContextVar("mcp_gateway_request_id", default=None)

# `scheme://user:password@host`: the password, up to the last @ before the path.
_URL_PASSWORD = re.compile(r"([a-z][a-z0-9+.\-]*://[^\s:/?#@]*:)[^\s/?#]*@", re.IGNORECASE)
# `Authorization: Basic abc`, `"authorization": "Bearer abc"`, `authorization=abc`: the value.
_AUTHORIZATION = re.compile(
    r"""(authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|token|digest)\s+)?[^\s"',;}\\]+""", re.IGNORECASE
)
_BEARER = re.compile(r"""\b(bearer)\s+[^\s"',;}\\]+""", re.IGNORECASE)
# Query parameters whose names say they carry a secret (`?access_token=`, `&code=`, `&api_key=`).
_QUERY_SECRET = re.compile(
    r"([?&;][^=&\s#\"']*(?:token|secret|password|passwd|code|key|signature|credential)[^=&\s#\"']*=)[^&\s#\"'\\]*",
    re.IGNORECASE,
)
# `password: x`, `"client_secret": "x"`, `api_key=x` in free text (dumped dicts, DSNs in key=value form).
_FIELD_SECRET = re.compile(
    r"""(\b[\w-]*(?:token|secret|password|passwd|api[_-]?key|credentials?)["']?\s*[:=]\s*["']?)[^\s"',;&}\\]+""",
    re.IGNORECASE,
)
# The gateway's own secrets by their prefixes: Connect tokens (also in Connect Link paths),
# client secrets, webhook signing secrets, project API keys (also in MCP URL key paths).
_OWN_SECRET = re.compile(r"\b(ctok_|mgs_|whsec_|mgk_)[A-Za-z0-9_-]+")
# An `extra` field named like this is masked whole, whatever its value looks like.
_SECRET_NAME = re.compile(r"token|secret|password|passwd|authorization|api[_-]?key|credential|cookie", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with credentials masked: bearer tokens, Authorization values, URL passwords,
    secret-named query parameters and `name: value` pairs, and the gateway's own secrets."""
    text = _OWN_SECRET.sub(lambda m: f"{m[1]}{MASK}", text)
    text = _URL_PASSWORD.sub(lambda m: f"{m[1]}{MASK}@", text)
    text = _AUTHORIZATION.sub(lambda m: f"{m[1]}{m[2] + ' ' if m[2] else ''}{MASK}", text)
    text = _BEARER.sub(lambda m: f"{m[1]} {MASK}", text)
    text = _QUERY_SECRET.sub(lambda m: f"{m[1]}{MASK}", text)
    return _FIELD_SECRET.sub(lambda m: f"{m[1]}{MASK}", text)


def _redact_value(name: str, value: Any) -> Any:
    if _SECRET_NAME.search(name):
        return MASK
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {str(k): _redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_redact_value("", v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return redact(str(value))


# Attributes every LogRecord has; anything else on a record came in through `extra`.
_RECORD_FIELDS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message", "asctime", "taskName",
    "color_message",  # uvicorn's ANSI-coloured copy of the message
}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: `time` (ISO 8601, UTC), `level`, `logger`, `message`,
    `request_id` inside a request, `exc` when there is a traceback, and the `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request_id = current_request_id.get()
        if request_id is not None:
            line["request_id"] = request_id
        for name, value in record.__dict__.items():
            if name not in _RECORD_FIELDS and name not in line:
                line[name] = _redact_value(name, value)
        if record.exc_info:
            line["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exc"] = redact(record.exc_text)
        if record.stack_info:
            line["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger: message`, with `[request id]` inside a request; masked like JSON."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        request_id = current_request_id.get()
        if request_id is not None:
            text = f"{text} [{request_id}]"
        return redact(text)


def configure_logging(log_format: str, level: str) -> None:
    """Send every logger (uvicorn's too, which must be started with `log_config=None`) to
    stderr through one handler in `log_format`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
