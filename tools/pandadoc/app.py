"""PandaDoc (public API v1): documents made from templates, sent for signature, tracked and downloaded."""

import asyncio
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.pandadoc.com/public/v1"

# PandaDoc pages documents and templates 100 at most.
MAX_PAGE = 100

# The list filter takes a status by number.
STATUSES = {
    "document.draft": 0, "document.sent": 1, "document.completed": 2, "document.uploaded": 3, "document.error": 4,
    "document.viewed": 5, "document.waiting_approval": 6, "document.approved": 7, "document.rejected": 8,
    "document.waiting_pay": 9, "document.paid": 10, "document.voided": 11, "document.declined": 12,
}


async def _account_test(ctx):
    """One template (`GET /templates`), which proves the token reaches the workspace. PandaDoc has no
    "who am I" call for every plan, so the account keeps its connection name."""
    await api(ctx, "GET", "/templates", params={"count": 1})
    return None


app = App(
    "pandadoc",
    "PandaDoc",
    "Create PandaDoc documents from templates with recipients and variables, send them for signature, follow their "
    "status, download signed PDFs, and look up templates and contacts.",
    auth=OAuth(
        authorize_url="https://app.pandadoc.com/oauth2/authorize",
        token_url="https://api.pandadoc.com/oauth2/access_token",
        scopes=["read", "write"],
    ),
    categories=["Documents", "E-Signature"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.pandadoc.com"],
    test=_account_test,
)


# Errors: PandaDoc answers `{"type": "request_error", "detail": ...}`, where `detail` is a sentence
# or an object of field names and their problems.

def _detail(data):
    if not isinstance(data, dict):
        return None
    detail = data.get("detail")
    if isinstance(detail, dict):
        return "; ".join(f"{k}: {' '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in detail.items())
    return detail or data.get("message")


def pandadoc_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = _detail(data) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = "rate limited by PandaDoc; " + (f"retry after {retry_after:.0f} s" if retry_after is not None else "retry in a minute")
    elif status == 409 or "draft" in str(message).lower():
        hint = ("the document is not ready for this yet: a new document is `document.uploaded` for a few seconds; "
                "check pandadoc-get-document-status until it is `document.draft`, then retry")
    elif status == 401:
        hint = "PandaDoc rejected the token; the user should reconnect PandaDoc"
    elif status == 403:
        hint = "the connected PandaDoc user may not do this (their role, or the workspace's plan, does not allow it)"
    elif status == 404 and path.endswith("/send"):
        hint = ("no document has that ID, or it was created seconds ago and is still `document.uploaded`; check "
                "pandadoc-get-document-status until it is `document.draft`, then retry")
    elif status == 404:
        hint = ("no document or template has that ID in this workspace; find documents with pandadoc-list-documents "
                "and templates with pandadoc-list-templates")
    elif status >= 500:
        hint = "PandaDoc had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"PandaDoc API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise pandadoc_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID is empty; find documents with pandadoc-list-documents")
    return quote(text, safe="")


def page_number(cursor):
    if not cursor:
        return 1
    try:
        return max(1, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` results from the page `cursor` names, in pages of `limit`; a full page means more may follow."""
    page = page_number(cursor)
    data = await api(ctx, "GET", path, params={**(params or {}), "count": min(limit, MAX_PAGE), "page": page})
    results = data.get("results") or []
    return results, str(page + 1) if len(results) >= limit else None


async def save_tmp_file(ctx, file_path, data):
    target = ctx.tmp_path(file_path)

    def write():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    await asyncio.to_thread(write)
    return target


def document_summary(document):
    return {key: document.get(key) for key in (
        "id", "name", "status", "date_created", "date_modified", "date_completed", "expiration_date")
        if key in document}


def recipient_summary(recipient):
    return {key: recipient.get(key) for key in (
        "id", "email", "first_name", "last_name", "role", "recipient_type", "has_completed", "signing_order", "shared_link")}


def template_summary(template):
    return {key: template.get(key) for key in ("id", "name", "date_created", "date_modified", "version")}


async def _template_options(ctx):
    page = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/templates", params={"count": MAX_PAGE, "page": page})
    templates = data.get("results") or []
    options = [Option(label=t.get("name") or t["id"], value=t["id"]) for t in templates]
    return OptionsPage(options=options, context={"page": page + 1} if len(templates) >= MAX_PAGE else None)


async def _document_options(ctx):
    page = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/documents", params={"count": MAX_PAGE, "page": page, "order_by": "-date_modified"})
    documents = data.get("results") or []
    options = [Option(label=f"{d.get('name') or d['id']} ({d.get('status')})", value=d["id"]) for d in documents]
    return OptionsPage(options=options, context={"page": page + 1} if len(documents) >= MAX_PAGE else None)


app.define(
    "documentId",
    props.string(
        "Document",
        "A PandaDoc document ID, e.g. `msFYActMfJHqNTKH8YSvF1`: the `id` from pandadoc-list-documents or "
        "pandadoc-create-document-from-template, or the last part of the document's address "
        "(https://app.pandadoc.com/a/#/documents/msFYActMfJHqNTKH8YSvF1).",
        options=_document_options,
    ),
)

app.define(
    "templateId",
    props.string(
        "Template",
        "A PandaDoc template ID, e.g. `hryJY9mqYZHjQCYQuSjRQg`: the `id` from pandadoc-list-templates, or the last part "
        "of the template's address in PandaDoc.",
        options=_template_options,
    ),
)
