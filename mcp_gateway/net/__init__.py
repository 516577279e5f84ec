"""Every outbound connection the gateway makes for someone else: the egress policy and the
HTTP clients that obey it."""

from .clients import CREDENTIAL_HOSTS, MAX_REDIRECTS, http_client, sdk_http_client, sdk_transport
from .policy import LEGACY_PRIVATE_NETWORKS, SETTING, EgressDenied, EgressPolicy, parse_networks, shown_url

__all__ = [
    "CREDENTIAL_HOSTS",
    "LEGACY_PRIVATE_NETWORKS",
    "MAX_REDIRECTS",
    "SETTING",
    "EgressDenied",
    "EgressPolicy",
    "http_client",
    "parse_networks",
    "sdk_http_client",
    "sdk_transport",
    "shown_url",
]
