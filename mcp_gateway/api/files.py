"""Files over REST: uploading files to use by `file_id` in later runs, downloading File Stash
files (the SDK's `file_stash.download_file`), and the signed links of the local file store."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Message, Receive

from mcp_gateway.files import (
    BadFileInput,
    FileError,
    FileNotFound,
    Files,
    FileStoreError,
    FileTooLarge,
    FileTypeRefused,
    StashNotFound,
    StoredObject,
)
from mcp_gateway.files.local import DOWNLOAD_PATH, LocalFileStore
from mcp_gateway.files.service import MAX_FILES_PER_REQUEST
from mcp_gateway.http_json import JsonBodyError, check_text, read_json

from .rest import Api, ApiError, Call, content_kind

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

_BASE = "/v1/connect/{project_id}"

_STATUS: tuple[tuple[type[FileError], int], ...] = (
    (FileTooLarge, 413),
    (FileTypeRefused, 415),
    (BadFileInput, 400),
    (FileNotFound, 404),
    (StashNotFound, 404),
    (FileStoreError, 503),
)
FILE_ERROR_RESPONSES = {
    413: "A file, or the files of one request, is over the size limit",
    415: "A file's content is not an accepted type, or not the type it was declared as",
    503: "File storage did not answer; try again",
}


def file_api_error(exc: FileError) -> ApiError:
    status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 400)
    return ApiError(status, str(exc))


class SignedLinkQuery(BaseModel):
    expires: int = Field(description="When the link stops working (Unix seconds).")
    type: str = Field(max_length=200, description="The file's content type.")
    signature: str = Field(max_length=100)


class StashDownloadQuery(BaseModel):
    s3_key: str = Field(min_length=1, max_length=1000, description="A file's `s3Key` from `$filestash_uploads`.")


class IngestedPayload(BaseModel):
    """The payload as sent, each file in it replaced by `{file_id, name, mime_type, pointer}`
    (`pointer` says where the file was, e.g. `attachments[0].file`). A multipart upload answers
    `{"files": [...]}`, plus `fields` with its other form fields."""

    model_config = ConfigDict(extra="allow")


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    def files_of() -> Files:
        files = gateway.runtime.files
        if files is None:
            raise ApiError(503, "this gateway has no file store configured")
        return files

    @api.route("POST", f"{_BASE}/files", summary="Upload files to use by file_id in later runs", tag="files",
               raw_body=True, response=IngestedPayload, limit="components_write",
               extra_responses={**FILE_ERROR_RESPONSES})
    async def upload_files(call: Call) -> dict[str, Any]:
        files = files_of()
        assert call.project_id is not None and call.environment is not None
        kind = content_kind(call.request)
        try:
            if kind == "multipart/form-data":
                return await _multipart(files, call.project_id, call.environment, call.request)
            if kind == "application/json" or kind.endswith("+json"):
                return await _json(files, call.project_id, call.environment, _limited(call.request, files.max_upload))
        except FileError as exc:
            raise file_api_error(exc) from None
        raise ApiError(415, "send the files as multipart/form-data, or as JSON with objects holding "
                            "name, contentType and contentBytes (base64)")

    @api.route("GET", f"{_BASE}/file_stash/download", summary="Download a file from File Stash", tag="file_stash",
               query=StashDownloadQuery, raw_body=True, limit="components_read",
               extra_responses={404: "No such File Stash file in this project environment, or it has expired",
                                503: FILE_ERROR_RESPONSES[503]})
    async def download_file(call: Call) -> StreamingResponse:
        files = files_of()
        assert call.project_id is not None and call.environment is not None
        try:
            row = await files.stashed_by_key(call.project_id, call.environment, call.query.s3_key)
            stored = await files.store.open(row.key)
        except FileError as exc:
            raise file_api_error(exc) from None
        return _download(stored, row.content_type, row.path.rsplit("/", 1)[-1])

    @api.route("GET", f"{DOWNLOAD_PATH}{{key:path}}", summary="A download link of the local file store", tag="file_stash",
               auth="public", query=SignedLinkQuery, raw_body=True,
               extra_responses={403: "The link is not genuine, or has expired"})
    async def signed_download(call: Call) -> StreamingResponse:
        files = files_of()
        key, query = call.path["key"], call.query
        store = files.store
        if not isinstance(store, LocalFileStore):
            raise ApiError(404, "this gateway keeps files in S3; its download links point there")
        if not store.verify(key, query.expires, query.type, query.signature):
            raise ApiError(403, "this download link is not valid or has expired (links last 30 minutes); "
                                "run the action again, or download with file_stash/download")
        try:
            stored = await store.open(key)
        except FileError as exc:
            raise file_api_error(exc) from None
        return _download(stored, query.type, key.rsplit("/", 1)[-1])


@dataclass
class Form:
    """A multipart body: its text fields (a repeated name becomes a list) and its file parts by name."""

    fields: dict[str, Any]
    uploads: dict[str, list[UploadFile]]


@contextlib.asynccontextmanager
async def multipart_form(request: Request, limit: int) -> AsyncIterator[Form]:
    """The request's multipart body, reading at most `limit` bytes (413 past that); file parts are
    spooled to temporary files until the block ends."""
    try:
        form = await _limited(request, limit).form(max_files=MAX_FILES_PER_REQUEST, max_fields=1000)
    except HTTPException as exc:
        raise ApiError(400, f"the multipart body could not be read: {exc.detail}") from None
    try:
        parsed = Form({}, {})
        for name, value in form.multi_items():
            _check_form_text(name, value)
            if isinstance(value, UploadFile):
                parsed.uploads.setdefault(name, []).append(value)
            else:
                parsed.fields[name] = value if name not in parsed.fields else [*_as_list(parsed.fields[name]), value]
        yield parsed
    finally:
        await form.close()


async def ingest_uploads(files: Files, project_id: str, environment: str, form: Form) -> dict[str, list[dict[str, Any]]]:
    """Store each file part; their references (`{file_id, name, mime_type, pointer}`) by part name."""
    refs: dict[str, list[dict[str, Any]]] = {}
    for name, parts in form.uploads.items():
        for index, part in enumerate(parts):
            ref = await files.ingest(project_id, environment, name=part.filename or name, data=part.file,
                                     declared=part.content_type)
            refs.setdefault(name, []).append(ref.to_json(name if len(parts) == 1 else f"{name}[{index}]"))
    return refs


async def _multipart(files: Files, project_id: str, environment: str, request: Request) -> dict[str, Any]:
    async with multipart_form(request, files.max_upload) as form:
        if not form.uploads:
            raise ApiError(400, "the multipart body has no file part; send each file as a file field, "
                                "e.g. -F file=@invoice.pdf")
        refs = await ingest_uploads(files, project_id, environment, form)
    return {"files": [ref for parts in refs.values() for ref in parts], **({"fields": form.fields} if form.fields else {})}


async def _json(files: Files, project_id: str, environment: str, request: Request) -> dict[str, Any]:
    try:
        payload = read_json(await request.body())
    except JsonBodyError as exc:
        raise ApiError(400, str(exc)) from None
    if not isinstance(payload, dict):
        raise ApiError(400, "the body must be a JSON object")
    replaced, refs = await files.ingest_payload(project_id, environment, payload)
    if not refs:
        raise ApiError(400, "the body holds no file: embed each as an object with name, contentType and "
                            "contentBytes (base64), or upload multipart/form-data")
    return replaced


def _check_form_text(name: str, value: str | UploadFile) -> None:
    """Multipart text is decoded in the charset the client names (UTF-7 can spell lone
    surrogates), and may hold NUL: refuse what no store keeps."""
    try:
        check_text(name, "a form field's name")
        if isinstance(value, UploadFile):
            check_text(value.filename or "", f"the file name in form field {name}")
        else:
            check_text(value, f"form field {name}")
    except JsonBodyError as exc:
        raise ApiError(400, str(exc)) from None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _limited(request: Request, limit: int) -> Request:
    """The request, reading no more than `limit` bytes of body: past that, 413."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body is larger than the {limit} byte upload limit")
    upstream: Receive = request.receive
    seen = 0

    async def receive() -> Message:
        nonlocal seen
        message = await upstream()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise ApiError(413, f"the body is larger than the {limit} byte upload limit")
        return message

    return Request(request.scope, receive)


def _download(stored: StoredObject, content_type: str, name: str) -> StreamingResponse:
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        # Served from the gateway's own origin: never rendered or sniffed as a page.
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Cache-Control": "private, no-store",
    }
    if stored.size is not None:
        headers["Content-Length"] = str(stored.size)
    return StreamingResponse(stored.chunks, media_type=content_type, headers=headers)
