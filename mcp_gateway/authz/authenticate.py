"""One `Authorization` header in, the `Principal` it speaks for out: a developer's signed
access token (checked without the database), a project API key, or an end user's access token
from the gateway's authorization server (one indexed read each)."""

from __future__ import annotations

from mcp_gateway.connect.developer_auth import AuthError, DeveloperAuth, Principal

from .keys import ApiKeys, is_key
from .server import ACCESS_PREFIX, AuthorizationServer


class Authenticator:
    def __init__(self, developer: DeveloperAuth, keys: ApiKeys, server: AuthorizationServer) -> None:
        self.developer = developer
        self.keys = keys
        self.server = server

    async def principal(self, authorization: str | None, *, project_id: str | None = None,
                        issuer: str | None = None) -> Principal:
        """Check the header; raise `AuthError` (401, or 403 for another project) saying what is
        wrong. `issuer` is this gateway's URL as the request reached it: an end user's token must
        have been issued for it."""
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() == "bearer" and is_key(token):
            principal = await self.keys.authenticate(token)
        elif scheme.lower() == "bearer" and token.startswith(ACCESS_PREFIX) and issuer is not None:
            principal = await self.server.principal(token, issuer)
        else:
            return self.developer.verify(authorization, project_id=project_id)
        if project_id is not None and project_id != principal.project_id:
            raise AuthError(f"this credential belongs to project {principal.project_id}, not {project_id}", status=403)
        return principal

    async def url_key(self, key: str) -> Principal:
        """The principal of a project API key carried in the MCP URL (`/k/{key}/...`)."""
        if not is_key(key):
            raise AuthError("the URL does not hold a project API key: an MCP URL key starts with mgk_ "
                            "(see `mcp-gateway keys create --url`)")
        return await self.keys.authenticate(key, from_url=True)
