import json

from mcp_gateway.catalog import ActionError, props

from ..app import app, check_url

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


@app.action(
    "send-request",
    title="Send HTTP Request",
    description=(
        "Send an HTTP request to any public URL and return the status, headers and body. "
        "JSON response bodies are parsed; other bodies are returned as text."
    ),
    props={
        "url": props.string("URL", "The full URL to call, e.g. `https://api.example.com/v1/items`."),
        "method": props.string("Method", "The HTTP method.", options=METHODS, default="GET"),
        "headers": props.obj("Headers", "Request headers as an object of name to value.", optional=True),
        "params": props.obj("Query Parameters", "Query string parameters as an object of name to value.", optional=True),
        "body": props.any_value(
            "Body",
            "The request body. An object or array is sent as JSON; a string is sent as is.",
            optional=True,
        ),
    },
    open_world=True,
)
async def send_request(ctx):
    method = str(ctx.props.method).upper()
    if method not in METHODS:
        raise ActionError(f"method {method!r} is not one of {', '.join(METHODS)}")
    check_url(ctx.props.url)
    body = ctx.props.get("body")
    kw = {}
    if isinstance(body, (dict, list)):
        kw["json"] = body
    elif body is not None:
        kw["content"] = str(body)
    response = await ctx.http.request(
        method,
        ctx.props.url,
        headers={str(k): str(v) for k, v in (ctx.props.get("headers") or {}).items()},
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
