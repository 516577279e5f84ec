"""Our copy of the specification's constants matches the SDK's."""

import mcp_types
from mcp_types import version

from mcp_gateway.mcp import spec


def test_constants_match_the_sdk():
    assert spec.HANDSHAKE_PROTOCOL_VERSIONS == version.HANDSHAKE_PROTOCOL_VERSIONS
    assert spec.MODERN_PROTOCOL_VERSIONS == version.MODERN_PROTOCOL_VERSIONS
    assert spec.LATEST_HANDSHAKE_VERSION == version.LATEST_HANDSHAKE_VERSION
    for name in (
        "PROTOCOL_VERSION_META_KEY", "CLIENT_CAPABILITIES_META_KEY", "SERVER_INFO_META_KEY", "PARSE_ERROR",
        "INVALID_REQUEST", "METHOD_NOT_FOUND", "INVALID_PARAMS", "INTERNAL_ERROR", "HEADER_MISMATCH",
        "UNSUPPORTED_PROTOCOL_VERSION",
    ):
        assert getattr(spec, name) == getattr(mcp_types, name), name
