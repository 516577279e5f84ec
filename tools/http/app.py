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


def check_url(url: str) -> None:
    """Refuse what is not an absolute web URL. Where it may lead is the gateway's egress policy's
    call, made on the addresses the host resolves to, at every redirect."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ActionError(f"url {url!r} must be an absolute http:// or https:// URL")
