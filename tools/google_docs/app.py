import re

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _google

SERVICE = "Google Docs"
API = "https://docs.googleapis.com/v1"
# Finding, copying and exporting documents goes through Drive.
DRIVE = "https://www.googleapis.com/drive/v3"
DOCUMENT_MIME = "application/vnd.google-apps.document"

SCOPES = [
    # Read and edit the user's documents.
    "https://www.googleapis.com/auth/documents",
    # Find documents by name and export them.
    "https://www.googleapis.com/auth/drive.readonly",
    # Own the copies made from a template.
    "https://www.googleapis.com/auth/drive.file",
]


async def _account_test(ctx):
    """The Drive user (`about.get`): Docs itself says nothing of who the account is."""
    about = await api(ctx, "GET", f"{DRIVE}/about", params={"fields": "user(displayName,emailAddress,permissionId)"})
    user = about.get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_docs",
    "Google Docs",
    "Read and write the connected user's Google Docs: find documents, read their text, create them (also from a "
    "template with placeholders), append, insert and replace text, add images and tables, and export them.",
    auth=_google.google_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=85,
    base_url=API,
    allowed_domains=["docs.googleapis.com", "www.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = (
    "no document has that ID for this account, or it is not shared with the user; find it with google_docs-find-documents"
)
_HINTS = {
    "invalid": "some values are not what Google Docs expects; see the message",
    "badRequest": "some values are not what Google Docs expects (an index past the end of the document?); see the message",
    "cannotExportFile": "this file cannot be exported in that format",
    "exportSizeLimitExceeded": "the document is too large to export (10 MB at most); read it with google_docs-get-document",
}


def docs_error(method, response):
    return _google.google_error(
        method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
        forbidden="the user may view but not edit this document, or may not open it at all",
        scope="the connection was not granted Google Docs access; reconnect Google Docs and approve it",
    )


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise docs_error(method, response)
    return response.json() if response.content else {}


def seg(value):
    return _google.seg(value)


_URL_ID = re.compile(r"/document/d/([A-Za-z0-9_-]+)")


def document_id(value):
    """A document ID, also taken from a docs.google.com URL."""
    text = str(value or "").strip()
    found = _URL_ID.search(text)
    if found:
        return found.group(1)
    if not re.fullmatch(r"[A-Za-z0-9_-]{10,}", text):
        raise ActionError(
            f"document {value!r} is neither a document ID nor a docs.google.com/document/d/... link"
        )
    return text


async def batch_update(ctx, document, requests):
    return await api(ctx, "POST", f"/documents/{_google.seg(document)}:batchUpdate", json={"requests": requests})


def text_of(elements):
    """The plain text of a list of structural elements (paragraphs, tables, tables of contents)."""
    parts = []
    for element in elements or []:
        if "paragraph" in element:
            parts.append("".join((e.get("textRun") or {}).get("content", "") for e in element["paragraph"].get("elements") or []))
        elif "table" in element:
            for row in element["table"].get("tableRows") or []:
                cells = [text_of(cell.get("content")).strip() for cell in row.get("tableCells") or []]
                parts.append(" | ".join(cells) + "\n")
        elif "tableOfContents" in element:
            parts.append(text_of(element["tableOfContents"].get("content")))
    return "".join(parts)


def end_index(document):
    """The index just before the body's final newline: where appended text goes."""
    content = (document.get("body") or {}).get("content") or [{}]
    return max(1, (content[-1].get("endIndex") or 2) - 1)


def document_summary(document):
    body = (document.get("body") or {}).get("content") or []
    headings = []
    for element in body:
        style = ((element.get("paragraph") or {}).get("paragraphStyle") or {}).get("namedStyleType") or ""
        if style.startswith("HEADING_") or style == "TITLE":
            headings.append({"level": style, "text": text_of([element]).strip(), "index": element.get("startIndex")})
    return {
        "document_id": document.get("documentId"),
        "title": document.get("title"),
        "url": f"https://docs.google.com/document/d/{document.get('documentId')}/edit",
        "revision_id": document.get("revisionId"),
        "text": text_of(body),
        "headings": headings,
        "end_index": end_index(document),
    }


def edit_result(document, answer):
    return {"document_id": answer.get("documentId") or document, "revision_id": (answer.get("writeControl") or {}).get("requiredRevisionId"),
            "url": f"https://docs.google.com/document/d/{answer.get('documentId') or document}/edit"}


async def _document_options(ctx):
    params = {"q": f"mimeType='{DOCUMENT_MIME}' and trashed=false", "orderBy": "modifiedTime desc", "pageSize": 100,
              "fields": "nextPageToken,files(id,name)"}
    if ctx.prev_context.get("pageToken"):
        params["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", f"{DRIVE}/files", params=params)
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=f["name"], value=f["id"]) for f in page.get("files") or []],
                       context={"pageToken": token} if token else None)


app.define(
    "documentId",
    props.string(
        "Document",
        "The document's ID, the part after `/document/d/` in its URL (the whole URL works too), or the `document_id` "
        "from google_docs-find-documents or google_docs-create-document.",
        options=_document_options,
    ),
)
