"""Where a full-config conversation stands, kept in the store so that consecutive requests
may reach different gateway processes. Values are encrypted: secret props may be among them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import delete

from mcp_gateway.connect.vault import Vault
from mcp_gateway.runtime.service import Caller
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import ToolConversation, utcnow


@dataclass(frozen=True, slots=True)
class Conversation:
    key: str
    apps: tuple[str, ...] | None = None  # chosen by app discovery; None: the request's apps
    action_key: str | None = None  # the action being configured
    values: dict[str, Any] = field(default_factory=dict)
    dynamic_props_id: str | None = None

    def configuring(self, action_key: str) -> Conversation:
        return replace(self, action_key=action_key, values={}, dynamic_props_id=None)

    def idle(self) -> Conversation:
        return replace(self, action_key=None, values={}, dynamic_props_id=None)


def conversation_key(caller: Caller, conversation_id: str) -> str:
    raw = "\x1f".join((caller.project_id, caller.environment, caller.external_user_id, conversation_id))
    return hashlib.sha256(raw.encode()).hexdigest()


class ConversationStore:
    def __init__(self, db: Database, vault: Vault, ttl: float) -> None:
        self._db = db
        self._vault = vault
        self._ttl = ttl

    async def get(self, caller: Caller, conversation_id: str) -> Conversation:
        key = conversation_key(caller, conversation_id)
        async with self._db.session() as s:
            row = await s.get(ToolConversation, key)
        if row is None or row.expires_at < utcnow():
            return Conversation(key)
        values = self._vault.decrypt(row.values, context=key) if row.values else {}
        return Conversation(
            key=key,
            apps=tuple(row.apps) if row.apps is not None else None,
            action_key=row.action_key,
            values=values,
            dynamic_props_id=row.dynamic_props_id,
        )

    async def save(self, caller: Caller, conversation: Conversation) -> None:
        now = utcnow()
        row = {
            "key": conversation.key,
            "project_id": caller.project_id,
            "environment": caller.environment,
            "external_user_id": caller.external_user_id,
            "apps": list(conversation.apps) if conversation.apps is not None else None,
            "action_key": conversation.action_key,
            "values": self._vault.encrypt(conversation.values, context=conversation.key) if conversation.values else None,
            "dynamic_props_id": conversation.dynamic_props_id,
            "expires_at": now + timedelta(seconds=self._ttl),
            "updated_at": now,
        }
        async with self._db.session() as s, s.begin():
            await s.execute(delete(ToolConversation).where(ToolConversation.expires_at < now))
            # Two requests of one conversation may save at once, on different processes.
            await s.execute(self._db.upsert(ToolConversation, row, key=("key",)))
