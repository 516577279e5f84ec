import asyncio
import json
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import app, check_url

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


@app.action(
    "send-request",
    title="Send HTTP Request",
    description=(
        "Send an HTTP request to any public URL and return the status, headers and body. "
        "JSON response bodies are parsed; other bodies are returned as text. To send a file, give its "
        "path under `/tmp` (with the stash_id of the run that saved it) or the file_id of an uploaded file."
    ),
    props={
        "url": props.string("URL", "The full URL to call, e.g. `https://api.example.com/v1/items`."),
        "method": props.string("Method", "The HTTP method.", options=METHODS, default="GET"),
        "headers": props.obj("Headers", "Request headers as an object of name to value.", optional=True),
        "params": props.obj("Query Parameters", "Query string parameters as an object of name to value.", optional=True),
        "body": props.any_value(
            "Body",
            "The request body. An object or array is sent as JSON; a string is sent as is. "
            "With a File Field, an object's entries are sent as form fields beside the file.",
            optional=True,
        ),
        "filePath": props.string(
            "File Path",
            "Send this file, e.g. `/tmp/report.pdf` (or the file_id of an uploaded file): as the body, "
            "or as a multipart/form-data field when File Field is set.",
            optional=True,
        ),
        "fileField": props.string(
            "File Field",
            "Send the file as multipart/form-data under this field name, e.g. `file`.",
            optional=True,
        ),
    },
    open_world=True,
    stash="optional",
)
async def send_request(ctx):
    method = str(ctx.props.method).upper()
    if method not in METHODS:
        raise ActionError(f"method {method!r} is not one of {', '.join(METHODS)}")
    check_url(ctx, ctx.props.url)
    body = ctx.props.get("body")
    headers = {str(k): str(v) for k, v in (ctx.props.get("headers") or {}).items()}
    kw = await _file_body(ctx, body, headers) if ctx.props.get("filePath") else _body(body)
    response = await ctx.http.request(
        method,
        ctx.props.url,
        headers=headers,
        params=ctx.props.get("params") or None,
        raise_for_status=False,
        **kw,
    )
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        data = response.text
    ctx.summary = f"{method} {ctx.props.url} returned {response.status_code}"
    return {"status": response.status_code, "headers": dict(response.headers), "body": data}


def _body(body):
    if isinstance(body, (dict, list)):
        return {"json": body}
    if body is not None:
        return {"content": str(body)}
    return {}


async def _file_body(ctx, body, headers):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the run that saved it, "
            "or the file_id of an uploaded file as the file path"
        ) from None
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    field = ctx.props.get("fileField")
    if field:
        if body is not None and not isinstance(body, dict):
            raise ActionError("with a File Field, body must be an object of form fields (or left out)")
        form = {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in (body or {}).items()}
        return {"files": {field: (path.name, data, content_type)}, "data": form}
    if body is not None:
        raise ActionError("give either body or filePath: the file is the body (or set File Field to send both)")
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = content_type
    return {"content": data}
