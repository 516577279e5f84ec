"""Moving every stored secret to the current master key, so older keys can be retired.

Run after putting a new key first (`MCP_GATEWAY_SECRET_KEY`) and the old one in
`MCP_GATEWAY_PREVIOUS_SECRET_KEYS`; the gateway keeps serving throughout.
"""

from __future__ import annotations

from sqlalchemy import select

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import Account, ConnectToken, OAuthApp, OAuthFlow, Project, WebhookDelivery

from .vault import Vault

# (model, ciphertext column, how the vault context is derived from the row)
_SEALED = (
    (Account, "credentials", lambda row: row.id),
    (OAuthApp, "client_secret", lambda row: row.id),
    (Project, "webhook_secret", lambda row: row.id),
    (ConnectToken, "sealed_token", lambda row: row.token_hash),
    (OAuthFlow, "code_verifier", lambda row: row.state),
    (WebhookDelivery, "payload", lambda row: f"webhook:{row.id}"),
)


async def reencrypt_all(db: Database, vault: Vault) -> dict[str, int]:
    """Re-encrypt what is not yet under the current key; counts per table."""
    counts: dict[str, int] = {}
    for model, column, context in _SEALED:
        changed = 0
        async with db.session() as s, s.begin():
            for row in (await s.scalars(select(model))).all():
                sealed = getattr(row, column)
                if sealed and not vault.is_current(sealed):
                    setattr(row, column, vault.encrypt(vault.decrypt(sealed, context=context(row)), context=context(row)))
                    changed += 1
        counts[model.__tablename__] = changed
    return counts
