"""Catalog packs: generated apps shipped as data, loaded only when a request names them.

A pack is a folder of three files:

- `index.json.gz`: one entry per app, its definition without the operations (see
  `operations.py`) plus `action_count` and `titles` (what search reads);
- `apps.zip`: one member per app, `<slug>.json`, holding its operations (and groups);
- `report.json`: what the generator read, made and skipped, with the reasons.

Opening a pack reads nothing. The index is read on the first lookup of an app that is not
hand-written (or on a search), and an app's operations when its actions are first asked for;
each action is built when it is first named.
"""

from __future__ import annotations

import gzip
import json
import threading
import zipfile
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from .model import Action, App
from .operations import LazyActions, app_from_definition, declare_operation_finder

INDEX_FILE, APPS_FILE, REPORT_FILE = "index.json.gz", "apps.zip", "report.json"
_TITLE_CHARS = 1500  # of operation titles per app, for search


def builtin_packs_dir() -> Path:
    """Where the shipped packs are: inside the installed package, or the checkout's `packs/`."""
    here = Path(__file__).resolve().parent.parent
    shipped = here / "_packs"
    return shipped if shipped.is_dir() else here.parent / "packs"


def search_titles(operations: list[Mapping[str, Any]], featured: list[str] | None) -> str:
    """The operation titles search reads for an app: the featured ones first, then the rest, bounded."""
    first = [op for op in operations if featured and op["name"] in featured]
    rest = [op for op in operations if not featured or op["name"] not in featured]
    out: list[str] = []
    size = 0
    for op in first + rest:
        if size + len(op["title"]) > _TITLE_CHARS:
            break
        out.append(op["title"])
        size += len(op["title"]) + 1
    return "; ".join(out)


class PackApp(App):
    """An app from a pack: everything but its actions comes from the index; the actions are read
    from the pack's archive the first time they are asked for."""

    def __init__(self, *args: Any, pack: Pack, header: Mapping[str, Any], **kw: Any) -> None:
        self._pack = pack
        self._header = header
        self._loaded: MutableMapping[str, Action] | None = None
        super().__init__(*args, **kw)
        self.featured = list(header.get("featured") or []) or None

    @property  # type: ignore[override]
    def actions(self) -> MutableMapping[str, Action]:
        if self._loaded is None:
            with self._pack.lock:
                if self._loaded is None:
                    self._loaded = self._load()
        return self._loaded

    @actions.setter
    def actions(self, value: MutableMapping[str, Action]) -> None:
        if value:  # App.__init__ sets an empty dict; the pack's archive fills it later
            self._loaded = value

    def _load(self) -> MutableMapping[str, Action]:
        data = self._pack.operations(self.slug)
        operations = data["operations"]
        actions = LazyActions(self, operations)
        self._loaded = actions
        if self.featured:
            declare_operation_finder(self, {op["name"]: op for op in operations})
        return actions

    @property
    def action_count(self) -> int:
        return int(self._header.get("action_count", 0))

    def action_text(self) -> tuple[str, str]:
        return str(self._header.get("titles") or ""), ""


class Pack:
    """One pack folder; apps come out of it as `PackApp`s, made on first lookup and kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.RLock()
        self._headers: dict[str, Mapping[str, Any]] | None = None
        self._apps: dict[str, PackApp] = {}
        self._archive: zipfile.ZipFile | None = None
        self.meta: dict[str, Any] = {}

    @property
    def headers(self) -> dict[str, Mapping[str, Any]]:
        if self._headers is None:
            with self.lock:
                if self._headers is None:
                    data = json.loads(gzip.decompress((self.folder / INDEX_FILE).read_bytes()))
                    self.meta = {k: v for k, v in data.items() if k != "apps"}
                    self._headers = {entry["slug"]: entry for entry in data["apps"]}
        return self._headers

    def __contains__(self, slug: object) -> bool:
        return slug in self.headers

    def __iter__(self) -> Iterator[str]:
        return iter(self.headers)

    def __len__(self) -> int:
        return len(self.headers)

    def app(self, slug: str) -> PackApp | None:
        found = self._apps.get(slug)
        if found is None:
            header = self.headers.get(slug)
            if header is None:
                return None
            found = app_from_definition(header, PackApp, pack=self, header=header)  # type: ignore[assignment]
            self._apps[slug] = found
        return found

    def operations(self, slug: str) -> dict[str, Any]:
        with self.lock:
            if self._archive is None:  # its directory of members is read once, then kept
                self._archive = zipfile.ZipFile(self.folder / APPS_FILE)
            return json.loads(self._archive.read(f"{slug}.json"))

    def report(self) -> dict[str, Any]:
        return json.loads((self.folder / REPORT_FILE).read_text())


def load_packs(root: Path | None = None) -> list[Pack]:
    """The packs under `root` (default: the shipped ones), in name order."""
    root = root or builtin_packs_dir()
    if not root.is_dir():
        return []
    return [Pack(folder) for folder in sorted(root.iterdir()) if (folder / INDEX_FILE).is_file()]
