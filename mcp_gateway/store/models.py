"""Database tables. Every row that belongs to a project carries its environment, so
development and production never see each other's data."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps that come back timezone-aware from every database (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("store timestamps with a timezone")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


# The ids of tables that keep growing (runs, events, deliveries): 64-bit, as SQLite's INTEGER
# PRIMARY KEY is, where PostgreSQL's INTEGER ends at 2^31. SQLite keeps INTEGER, its rowid.
ROW_ID = BigInteger().with_variant(Integer, "sqlite")


_UNSTORABLE_IN_TEXT = re.compile("[\x00\ud800-\udfff]")


class ErrorText(TypeDecorator[str]):
    """Error messages, which quote what upstream APIs and receivers answered: stored with any NUL
    or lone surrogate shown as U+FFFD, since PostgreSQL cannot keep NUL in text, and no database
    takes a lone surrogate (a JSON string may carry either)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return _UNSTORABLE_IN_TEXT.sub("\ufffd", value) if value is not None else None


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # What the Connect Link page shows end users.
    app_name: Mapped[str | None] = mapped_column(String(200))
    support_email: Mapped[str | None] = mapped_column(String(320))
    logo_url: Mapped[str | None] = mapped_column(String(2000))
    # Vault ciphertext of the key Connect webhooks are signed with.
    webhook_secret: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProjectClient(Base):
    """OAuth client credentials a developer's backend uses to get access tokens."""

    __tablename__ = "project_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProjectApiKey(Base):
    """A long-lived key for static MCP and REST configs, found by its hash; it may be bound to
    one environment, one external user and some apps. A key made `in_url` may also be carried
    in an MCP URL (`/k/{key}/mcp`), for clients that can hold nothing but a URL."""

    __tablename__ = "project_api_keys"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(128), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str | None] = mapped_column(String(250))
    apps: Mapped[list[str] | None] = mapped_column(JSON)
    in_url: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column()
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class AuthzClient(Base):
    """An MCP client registered with the gateway's authorization server by RFC 7591 dynamic
    registration. (Clients named by a metadata document URL are fetched, not stored.)"""

    __tablename__ = "authz_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_name: Mapped[str | None] = mapped_column(String(200))
    redirect_uris: Mapped[list[str]] = mapped_column(JSON)
    # The registration as sent, for RFC 7591's response and for the consent page.
    client_metadata: Mapped[dict[str, Any]] = mapped_column(JSON)
    secret_hash: Mapped[str | None] = mapped_column(String(128))  # None: a public client (PKCE alone)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuthzRequest(Base):
    """An MCP client's authorization request, from /authorize through the end user's sign-in
    and consent to the code it is answered with."""

    __tablename__ = "authz_requests"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(2000))
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    state: Mapped[str | None] = mapped_column(String(2000))
    code_challenge: Mapped[str] = mapped_column(String(128))
    resource: Mapped[str] = mapped_column(String(2000))
    scope: Mapped[str | None] = mapped_column(String(500))
    apps: Mapped[list[str] | None] = mapped_column(JSON)
    # Set once the end user has signed in at the operator's identity provider.
    external_user_id: Mapped[str | None] = mapped_column(String(250))
    signin_nonce: Mapped[str | None] = mapped_column(String(128))
    signin_verifier: Mapped[str | None] = mapped_column(Text)  # vault ciphertext of the PKCE verifier
    # Hash of the cookie given to the browser that signed in: only it may consent.
    browser_hash: Mapped[str | None] = mapped_column(String(128))
    code_hash: Mapped[str | None] = mapped_column(String(128), unique=True)
    code_used_at: Mapped[datetime | None] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuthzToken(Base):
    """An access or refresh token the gateway issued to an MCP client for one end user, found
    by its hash. Refresh tokens rotate: each use replaces it, and a replaced one used again
    revokes its whole family (it was stolen, or the client is confused)."""

    __tablename__ = "authz_tokens"

    token_hash: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "access" or "refresh"
    family: Mapped[str] = mapped_column(String(64), index=True)
    client_id: Mapped[str] = mapped_column(String(2000))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    apps: Mapped[list[str] | None] = mapped_column(JSON)
    resource: Mapped[str] = mapped_column(String(2000))
    scope: Mapped[str | None] = mapped_column(String(500))
    expires_at: Mapped[datetime] = mapped_column(index=True)
    replaced_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExternalUser(Base):
    __tablename__ = "external_users"
    __table_args__ = (UniqueConstraint("project_id", "environment", "external_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Account(Base):
    """A user's connected account for one app; `credentials` is vault ciphertext."""

    __tablename__ = "accounts"
    __table_args__ = (Index("ix_accounts_user_app", "user_id", "app_slug"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(ForeignKey("external_users.id", ondelete="CASCADE"))
    app_slug: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(200))
    # The user's id at the provider, when the app can tell us.
    external_account_id: Mapped[str | None] = mapped_column(String(250))
    oauth_app_id: Mapped[str | None] = mapped_column(String(40))
    credentials: Mapped[str] = mapped_column(Text)
    healthy: Mapped[bool] = mapped_column(Boolean, default=True)
    dead: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(ErrorText)
    expires_at: Mapped[datetime | None] = mapped_column()
    # Held by the one gateway process refreshing this account's token right now.
    refresh_lease_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OAuthApp(Base):
    """An OAuth client registered with a provider: the operator's default for an app
    (no project) or a project's own, picked with `oauth_app_id`."""

    __tablename__ = "oauth_apps"
    __table_args__ = (Index("ix_oauth_apps_app", "app_slug", "project_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    app_slug: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(200))
    client_id: Mapped[str] = mapped_column(String(500))
    client_secret: Mapped[str] = mapped_column(Text)  # vault ciphertext
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConnectToken(Base):
    """A short-lived token that lets one end user connect one account, found by its hash."""

    __tablename__ = "connect_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Vault ciphertext of the token, so webhooks can name it to the developer who created it.
    sealed_token: Mapped[str] = mapped_column(Text)
    # Numbered so webhooks can name the connection attempt (`connect_session_id`).
    session_no: Mapped[int] = mapped_column(BigInteger, unique=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    app_slug: Mapped[str | None] = mapped_column(String(100))
    oauth_app_id: Mapped[str | None] = mapped_column(String(40))
    success_redirect_uri: Mapped[str | None] = mapped_column(String(2000))
    error_redirect_uri: Mapped[str | None] = mapped_column(String(2000))
    webhook_uri: Mapped[str | None] = mapped_column(String(2000))
    allowed_origins: Mapped[list[str] | None] = mapped_column(JSON)
    scope: Mapped[str | None] = mapped_column(String(500))
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None] = mapped_column()
    account_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OAuthFlow(Base):
    """An authorization-code flow in progress, found again by its `state` at the callback."""

    __tablename__ = "oauth_flows"

    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(ForeignKey("connect_tokens.token_hash", ondelete="CASCADE"))
    app_slug: Mapped[str] = mapped_column(String(100))
    oauth_app_id: Mapped[str] = mapped_column(String(40))
    code_verifier: Mapped[str | None] = mapped_column(Text)  # vault ciphertext
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    expires_at: Mapped[datetime] = mapped_column(index=True)


class WebhookDelivery(Base):
    """A webhook to deliver, kept until it is delivered or has used up its attempts."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "delivered_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))
    event: Mapped[str] = mapped_column(String(50))
    payload: Mapped[str] = mapped_column(Text)  # vault ciphertext: it names the connect token
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    delivered_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(ErrorText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class McpSession(Base):
    """A 2025-era streamable HTTP or legacy SSE session; any gateway process can serve it."""

    __tablename__ = "mcp_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[str | None] = mapped_column(String(64))
    protocol_version: Mapped[str] = mapped_column(String(20))
    transport: Mapped[str] = mapped_column(String(20))
    client_info: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    client_capabilities: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class McpTask(Base):
    """An MCP task: a tool call the client polls for, owned by one project, environment and end
    user. What was asked and what came of it (arguments, result, questions and answers) is
    sealed with the vault; the status is in clear for the lists and the stale-run check."""

    __tablename__ = "mcp_tasks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    method: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    status_message: Mapped[str | None] = mapped_column(Text)
    sealed: Mapped[str] = mapped_column(Text)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Written by the process running the task while it runs; a task whose runner stopped writing is dead.
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ActionRun(Base):
    """One run of an action: who, what, how it ended and how long it took (never the values)."""

    __tablename__ = "action_runs"
    __table_args__ = (Index("ix_action_runs_project_created", "project_id", "environment", "created_at"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(40))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    action_key: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[str | None] = mapped_column(String(40))
    via: Mapped[str] = mapped_column(String(20))
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(ErrorText)
    duration_ms: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DynamicProps(Base):
    """The prop values a reload of an action's props was made with, under its `dyp_` id, so any
    gateway process can rebuild the same prop set for a later configure or run. Holds account
    references (`authProvisionId`), never credentials or secret prop values."""

    __tablename__ = "dynamic_props"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    action_key: Mapped[str] = mapped_column(String(200))
    configured_props: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ToolConversation(Base):
    """What a full-config conversation has chosen so far: the apps found by discovery and the
    action being configured with its values, so any gateway process can continue it."""

    __tablename__ = "tool_conversations"

    # SHA-256 of project, environment, external user and conversation id.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    apps: Mapped[list[str] | None] = mapped_column(JSON)
    action_key: Mapped[str | None] = mapped_column(String(200))
    values: Mapped[str | None] = mapped_column(Text)  # vault ciphertext: secret props may be among them
    dynamic_props_id: Mapped[str | None] = mapped_column(String(40))
    expires_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class DestinationRun(Base):
    """A finished run that sent events to destinations (`$.send`): whose it was and how many
    events it sent. Written in the same transaction as the events themselves."""

    __tablename__ = "destination_runs"

    run_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(40))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    action_key: Mapped[str] = mapped_column(String(200))
    events: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class S3Event(Base):
    """One `$.send.s3` payload, waiting for its batch (batch_id null) or in exactly one batch."""

    __tablename__ = "s3_events"
    # Serves both finding waiting events by destination (batch_id null) and reading a batch in order.
    __table_args__ = (Index("ix_s3_events_batch", "batch_id", "bucket", "prefix", "id"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    bucket: Mapped[str] = mapped_column(String(63))
    prefix: Mapped[str] = mapped_column(String(900))
    payload: Mapped[str] = mapped_column(Text)  # one JSON line
    batch_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class S3Batch(Base):
    """The events of one bucket and prefix sealed into one object. The key is fixed when the
    batch is sealed, so an upload repeated after a crash overwrites the same object."""

    __tablename__ = "s3_batches"
    __table_args__ = (Index("ix_s3_batches_due", "uploaded_at", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the key's IDENTIFIER
    bucket: Mapped[str] = mapped_column(String(63))
    prefix: Mapped[str] = mapped_column(String(900))
    key: Mapped[str] = mapped_column(String(1024))
    events: Mapped[int] = mapped_column(Integer)
    # A multipart upload begun and not finished, aborted before the batch is tried again.
    upload_id: Mapped[str | None] = mapped_column(String(1024))
    size: Mapped[int | None] = mapped_column(Integer)  # gzipped bytes written
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    uploaded_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(ErrorText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DestinationDelivery(Base):
    """A deferred `$.send.http` request or `$.send.email` message, retried until sent or given up."""

    __tablename__ = "destination_deliveries"
    __table_args__ = (Index("ix_destination_deliveries_due", "delivered_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # http | email
    target: Mapped[str] = mapped_column(String(2000))  # URL without its query, or the recipients
    request: Mapped[str] = mapped_column(Text)  # vault ciphertext: headers and bodies may hold secrets
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    delivered_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(ErrorText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SseEvent(Base):
    """A `$.send.sse` event. `public_id` is the SSE event id clients see and resume from
    (Last-Event-ID); `id` orders the events and is never shown, as it counts every project's."""

    __tablename__ = "sse_events"
    __table_args__ = (Index("ix_sse_events_stream", "project_id", "environment", "id"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, autoincrement=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    project_id: Mapped[str] = mapped_column(String(40))
    environment: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class EmittedEvent(Base):
    """A `$.send.emit` event, kept for the developer to read back under its `public_id`
    (`id` orders the events and is never shown, as it counts every project's)."""

    __tablename__ = "emitted_events"
    __table_args__ = (Index("ix_emitted_events_stream", "project_id", "environment", "id"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, autoincrement=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    project_id: Mapped[str] = mapped_column(String(40))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    action_key: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(200))
    event: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class FileStash(Base):
    """A File Stash: the files runs left in /tmp for one end user of a project's environment,
    kept until `expires_at` (a day after the stash was made) and then deleted with its files."""

    __tablename__ = "file_stashes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    external_user_id: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class StashedFile(Base):
    """One file of a stash: its path under /tmp and the stored object holding its bytes."""

    __tablename__ = "stashed_files"

    stash_id: Mapped[str] = mapped_column(ForeignKey("file_stashes.id", ondelete="CASCADE"), primary_key=True)
    path: Mapped[str] = mapped_column(String(500), primary_key=True)  # relative to /tmp
    key: Mapped[str] = mapped_column(String(700))
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class IngestedFile(Base):
    """A file sent to the gateway (uploaded, or base64 inside JSON), which any run in the same
    project environment can use by its `file_id` until `expires_at`."""

    __tablename__ = "ingested_files"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    environment: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(255))
    # Sniffed from the bytes, not taken from the sender.
    mime_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(700))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
