from urllib.parse import urlsplit

from mcp_gateway.catalog import ActionError, App, NoAuth

app = App(
    "http",
    "HTTP / Webhook",
    "Send HTTP requests to any URL or webhook, and download any file from a URL into /tmp, with no account needed.",
    auth=NoAuth(),
    categories=["Developer Tools"],
    featured_weight=100,
)


def check_url(ctx, url: str) -> None:
    """Refuse what is not an absolute web URL, and at once a host that is an internal address in
    any spelling. Where a host name leads is the gateway's egress policy's call, made on the
    addresses it resolves to when connecting, at every redirect."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ActionError(f"url {url!r} must be an absolute http:// or https:// URL")
    ctx.egress.check_literal(url)
