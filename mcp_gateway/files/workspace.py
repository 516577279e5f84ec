"""One run's /tmp when the run works with files: a File Stash restored into it, input files
(`file_id`s, embedded base64) put in it, and afterwards its new and changed files uploaded
back to the stash."""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import tempfile
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from mcp_gateway.store.models import FileStash, StashedFile

from . import payload as files_in
from .errors import FileNotFound
from .service import Files, clean_name, stash_requested
from .sniff import HEAD, is_textual, sniff
from .stash_uris import stash_uri

INLINE_TEXT = 8 * 1024  # text files up to this size are shown inline to MCP clients
MAX_STASHED_PER_RUN = 200
_MAX_PATH = 500
_PARALLEL = 4

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class StashOutput:
    """A file a run left in its stash, as a person or a model is shown it."""

    local_path: str
    name: str
    url: str
    mime_type: str
    size: int
    text: str | None = None  # the content, for small text files
    stash_id: str = field(kw_only=True)

    @property
    def resource_uri(self) -> str:
        """The file as an MCP resource its owner reads while the stash lasts."""
        return stash_uri(self.stash_id, self.local_path.removeprefix("/tmp/"))


@dataclass(slots=True)
class StashSync:
    """What syncing a run's /tmp with its stash did."""

    stash_id: str
    uploads: list[dict[str, str]] = field(default_factory=list)  # `$filestash_uploads`
    outputs: list[StashOutput] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files left out, and why


class RunFiles:
    def __init__(self, files: Files, project_id: str, environment: str, external_user_id: str) -> None:
        self._files = files
        self._owner = (project_id, environment, external_user_id)
        self.tmp_dir = Path()
        self.stash: FileStash | None = None
        self.notes: list[str] = []
        self._before: dict[str, tuple[int, int]] = {}
        self._placed: dict[str, str] = {}

    async def __aenter__(self) -> RunFiles:
        self.tmp_dir = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="mcp-gateway-run-"))
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await asyncio.to_thread(shutil.rmtree, self.tmp_dir, True)

    async def prepare(
        self, stash_id: str | bool | None, string_props: Mapping[str, str], values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Restore the stash, store embedded files, and put referenced files in /tmp; the values
        to run with. `string_props` maps the input props that take a path to their type
        (`string` or `string[]`): a file reference given to one becomes the file's /tmp path."""
        project_id, environment, user = self._owner
        if stash_requested(stash_id):
            assert stash_id is not None
            self.stash = await self._files.open_stash(project_id, environment, user, stash_id)
            await self._restore(self.stash)
        ingested, _ = await self._files.ingest_payload(project_id, environment, dict(values))
        resolved = {name: await self._resolve(string_props.get(name), value) for name, value in ingested.items()}
        self._before = await asyncio.to_thread(_scan, self.tmp_dir)
        return resolved

    async def _restore(self, stash: FileStash) -> None:
        async def restore(row: StashedFile) -> None:
            target = self.tmp_dir / row.path
            await asyncio.to_thread(target.parent.mkdir, parents=True, exist_ok=True)
            try:
                await self._files.store.fetch(row.key, target)
            except FileNotFound:
                self.notes.append(f"File Stash: /tmp/{row.path} could not be restored; its stored copy is gone")

        await _bounded(restore, await self._files.stashed_files(stash))

    async def _resolve(self, prop_type: str | None, value: Any) -> Any:
        file_id = files_in.file_id_of(value)
        if prop_type == "string" and file_id is not None:
            return await self._place(file_id)
        if prop_type == "string[]" and isinstance(value, list):
            return [await self._place(fid) if (fid := files_in.file_id_of(v)) else v for v in value]
        return value

    async def _place(self, file_id: str) -> str:
        if file_id in self._placed:
            return self._placed[file_id]
        project_id, environment, _ = self._owner
        row = await self._files.ingested(project_id, environment, file_id)
        name = clean_name(row.name)
        if await asyncio.to_thread((self.tmp_dir / name).exists):
            name = f"{file_id}-{name}"
        await self._files.store.fetch(row.key, self.tmp_dir / name)
        self._placed[file_id] = f"/tmp/{name}"
        return self._placed[file_id]

    async def sync(self) -> StashSync | None:
        """Upload the files the run created or changed to the stash; None without a stash."""
        if self.stash is None:
            return None
        stash = self.stash
        synced = StashSync(stash.id, notes=list(self.notes))
        after = await asyncio.to_thread(_scan, self.tmp_dir)
        changed = sorted(path for path, seen in after.items() if self._before.get(path) != seen)
        if len(changed) > MAX_STASHED_PER_RUN:
            synced.notes.append(f"File Stash: {len(changed) - MAX_STASHED_PER_RUN} files were left out; "
                                f"a run stashes at most {MAX_STASHED_PER_RUN}")
            changed = changed[:MAX_STASHED_PER_RUN]
        wanted = []
        for path in changed:
            size = after[path][0]
            if size > self._files.max_size:
                synced.notes.append(
                    f"File Stash: /tmp/{path} was left out; it is larger than the {self._files.max_size} byte limit"
                )
            elif len(path) > _MAX_PATH:
                synced.notes.append(f"File Stash: a file was left out; its path is longer than {_MAX_PATH} characters")
            else:
                wanted.append((path, size))

        async def upload(item: tuple[str, int]) -> tuple[dict[str, str], StashOutput]:
            path, size = item
            source = self.tmp_dir / path
            head = await asyncio.to_thread(_head, source)
            name = path.rsplit("/", 1)[-1]
            content_type = sniff(head, name, truncated=size > len(head))
            row = await self._files.save_stashed(stash, path, source, size, content_type)
            url = await self._files.url(row.key, content_type, name)
            text = None
            if size <= INLINE_TEXT and is_textual(content_type):
                text = head.decode("utf-8", errors="replace")
            local_path = f"/tmp/{path}"
            return ({"localPath": local_path, "s3Key": row.key, "get_url": url},
                    StashOutput(local_path, name, url, content_type, size, text, stash_id=stash.id))

        for upload_json, output in await _bounded(upload, wanted):
            synced.uploads.append(upload_json)
            synced.outputs.append(output)
        return synced


def needs_files(stash_id: str | bool | None, values: Mapping[str, Any]) -> bool:
    """Whether a run needs its own /tmp prepared: a stash, or files among its values."""
    return stash_requested(stash_id) or files_in.mentions_files(dict(values))


async def _bounded(work: Callable[[T], Awaitable[R]], items: Iterable[T]) -> list[R]:
    """`work` on every item, a few at a time, results in order."""
    gate = asyncio.Semaphore(_PARALLEL)

    async def one(item: T) -> R:
        async with gate:
            return await work(item)

    return list(await asyncio.gather(*(one(item) for item in items)))


def _scan(root: Path) -> dict[str, tuple[int, int]]:
    """Regular files under `root` (symlinks neither followed nor listed): size and mtime by path."""
    found: dict[str, tuple[int, int]] = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            info = os.lstat(full)
            if stat.S_ISREG(info.st_mode):
                found[Path(full).relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(HEAD)
