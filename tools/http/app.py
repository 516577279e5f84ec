import ipaddress
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
    """Refuse URLs that point at this machine or a private network (SSRF)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ActionError(f"url {url!r} must be an absolute http:// or https:// URL")
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost"):
        raise ActionError(f"url {url!r} points at this machine; requests to local addresses are not allowed")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
        raise ActionError(f"url {url!r} points at a private address; only public URLs are allowed")
