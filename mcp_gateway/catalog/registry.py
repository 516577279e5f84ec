"""Loading the catalog from disk and looking things up in it.

Built-in apps live in `tools/<slug>/` (shipped inside the package as `_apps`);
custom tools live in a directory of the same layout whose actions get the `~/`
key prefix. Each app folder holds `app.py` (defining `app`) and `actions/*.py`, or an
imported OpenAPI document (`openapi.json`, see `openapi.py`), or an upstream MCP server
(`mcp.json`, see `remote_mcp.py`). Modules named `_vendor.py` beside the app folders hold what
one vendor's apps share (`from .. import _google`); they are not apps.
"""

from __future__ import annotations

import difflib
import importlib.util
import sys
import threading
import types
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .errors import CatalogError
from .model import Action, App, tool_name
from .openapi import SPEC_FILE, load_openapi_app
from .pack import Pack, PackApp, load_packs
from .remote_mcp import REMOTE_FILE, load_remote_app
from .search import AppMatch, SearchIndex

_BUILTIN_PACKAGE = "mcp_gateway_apps"
_CUSTOM_PACKAGE = "mcp_gateway_custom_tools"


def builtin_tools_dir() -> Path:
    """Where the built-in apps are: inside the installed package, or the checkout's `tools/`."""
    here = Path(__file__).resolve().parent.parent
    shipped = here / "_apps"
    if shipped.is_dir():
        return shipped
    return here.parent / "tools"


class _Apps(Mapping[str, App]):
    """Apps by slug: the hand-written and custom ones, then the packs' (read when first needed)."""

    def __init__(self, own: dict[str, App], packs: list[Pack]) -> None:
        self._own = own
        self._packs = packs

    def __getitem__(self, slug: str) -> App:
        app = self._own.get(slug)
        if app is None:
            for pack in self._packs:
                app = pack.app(slug)
                if app is not None:
                    break
            else:
                raise KeyError(slug)
        return app

    def __contains__(self, slug: object) -> bool:
        return slug in self._own or any(slug in pack for pack in self._packs)

    def __iter__(self) -> Iterator[str]:
        yield from self._own
        seen = set(self._own)
        for pack in self._packs:
            for slug in pack:
                if slug not in seen:
                    seen.add(slug)
                    yield slug

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Actions(Mapping[str, Action]):
    """Actions by key: those of apps in code are kept here; a pack app's are found through the
    app its key starts with (`{slug}-...`), so only that app is read."""

    def __init__(self, own: dict[str, Action], apps: _Apps) -> None:
        self._own = own
        self._apps = apps

    def _pack_app(self, key: str) -> App | None:
        slug = key.split("-", 1)[0]
        app = self._apps.get(slug) if "-" in key and not key.startswith("~/") else None
        return app if isinstance(app, PackApp) else None

    def __getitem__(self, key: str) -> Action:
        action = self._own.get(key)
        if action is not None:
            return action
        app = self._pack_app(key)
        if app is None:
            raise KeyError(key)
        return app.actions[key]

    def __contains__(self, key: object) -> bool:
        if key in self._own:
            return True
        app = self._pack_app(key) if isinstance(key, str) else None
        return app is not None and key in app.actions

    def __iter__(self) -> Iterator[str]:
        yield from self._own
        for slug in self._apps:
            app = self._apps[slug]
            if isinstance(app, PackApp):
                yield from app.actions

    def __len__(self) -> int:
        return len(self._own) + sum(a.action_count for a in self._apps.values() if isinstance(a, PackApp))


class Catalog:
    """Every app and action the gateway knows, indexed for lookup."""

    def __init__(self, apps: Iterable[App], packs: Iterable[Pack] = ()) -> None:
        self._own_apps: dict[str, App] = {}
        self._own_actions: dict[str, Action] = {}
        self._named_tools: dict[str, str] = {}  # tool names actions chose, to the action keys
        self.packs = list(packs)
        self.apps: Mapping[str, App] = _Apps(self._own_apps, self.packs)
        self.actions: Mapping[str, Action] = _Actions(self._own_actions, self.apps)  # type: ignore[arg-type]
        for app in apps:
            self.add_app(app)

    def counts(self) -> dict[str, Any]:
        """Apps and actions by where they come from: hand-written (with each app's actions, most
        first), custom tools, and each pack (from its index, nothing loaded)."""
        hand_written = {a.slug: a.action_count for a in self._own_apps.values()
                        if a.source is None and not any(action.custom for action in a.actions.values())}
        custom = [a for a in self._own_apps.values() if a.slug not in hand_written]
        return {
            "hand_written": {"apps": len(hand_written), "actions": sum(hand_written.values()),
                             "per_app": dict(sorted(hand_written.items(), key=lambda item: (-item[1], item[0])))},
            "custom": {"apps": len(custom), "actions": sum(a.action_count for a in custom)},
            "packs": [{"name": pack.folder.name, "apps": len(pack),
                       "actions": sum(h["action_count"] for h in pack.headers.values())} for pack in self.packs],
        }

    def add_app(self, app: App) -> None:
        if app.slug in self._own_apps and self._own_apps[app.slug] is not app:
            raise CatalogError(f"two apps declare the slug {app.slug!r}")
        for action in app.actions.values():
            if action.mcp_name is None:
                continue
            holder = self._named_tools.setdefault(action.mcp_name, action.key)
            if holder != action.key:
                raise CatalogError(f"{action.key} and {holder} both name their tool {action.mcp_name!r}")
        self._own_apps[app.slug] = app
        self._own_actions.update(app.actions)

    def app(self, slug: str) -> App:
        try:
            return self.apps[slug]
        except KeyError:
            raise LookupError(_unknown("app", slug, self.apps)) from None

    def action(self, key: str) -> Action:
        try:
            return self.actions[key]
        except KeyError:
            slug = key.split("-", 1)[0]
            pool = self.app(slug).actions if slug in self.apps and not key.startswith("~/") else self._own_actions
            raise LookupError(_unknown("action", key, pool)) from None

    def actions_of(self, slug: str) -> list[Action]:
        return list(self.app(slug).actions.values())

    def tool_actions(self, slug: str) -> list[Action]:
        """The actions an MCP tool list shows for an app (a very big app lists its featured ones)."""
        return self.app(slug).listed_actions()

    def own_actions(self) -> list[Action]:
        """The actions of the apps written as code and of custom tools; pack apps list theirs per app."""
        return list(self._own_actions.values())

    # Built on the first search; rebuilt when apps or actions have been added since.
    _search: tuple[tuple[int, int], SearchIndex] | None = None

    _search_lock = threading.Lock()

    def search_index(self) -> SearchIndex:
        stamp = (len(self._own_apps), len(self._own_actions))
        with self._search_lock:  # built once, even when a search comes in while it is being built
            if self._search is None or self._search[0] != stamp:
                self._search = (stamp, SearchIndex(self.apps.values()))
            return self._search[1]

    def search_apps(self, query: str | None = None) -> list[App]:
        """Apps matching a free-text query, best first; all apps by featured weight without one."""
        if not query or not query.strip():
            return sorted(self.apps.values(), key=lambda a: (-a.featured_weight, a.name.lower()))
        return [found.app for found in self.search_index().rank(query)]

    def discover(self, query: str, limit: int = 5) -> list[AppMatch]:
        """The apps a request in plain words needs ("add this email to my spreadsheet"), best first."""
        return [
            AppMatch(found.app.slug, found.app.name, found.score, found.reason)
            for found in self.search_index().rank(query, limit)
        ]

    def search_actions(self, query: str | None = None, actions: Iterable[Action] | None = None) -> list[Action]:
        """Actions (all of the apps in code, or `actions`) matching every word of a free-text query,
        best first; without a query, in catalog order."""
        pool = list(self._own_actions.values() if actions is None else actions)
        words = (query or "").lower().split()
        if not words:
            return pool
        scored = []
        for position, action in enumerate(pool):
            score = _action_score(words, action)
            if score > 0:
                scored.append((score, position, action))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [a for _, _, a in scored]

    def tool_names(self, actions: Iterable[Action]) -> dict[str, Action]:
        return {tool_name(a): a for a in actions}


def _action_score(words: list[str], action: Action) -> int:
    """0 unless every word is found; higher when words are in the key or name than only in the text."""
    key, name = action.key.lower(), action.name.lower()
    if " ".join(words) in (key, name):
        return 1000
    app = f"{action.app.slug} {action.app.name}".lower()
    description = action.description.lower()
    score = 0
    for word in words:
        if word in key or word in name:
            score += 10
        elif word in app:
            score += 5
        elif word in description:
            score += 1
        else:
            return 0
    return score


def _unknown(kind: str, key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown {kind} {key!r}{hint}"


def load_catalog(builtin_dir: Path | None = None, custom_dir: Path | None = None, *, packs: bool | Path = True) -> Catalog:
    """The hand-written apps, the shipped packs (or those under the folder `packs` names), and the
    custom tools in `custom_dir`."""
    shipped = load_packs(packs if isinstance(packs, Path) else None) if packs else []
    catalog = Catalog(_load_apps(builtin_dir or builtin_tools_dir(), _BUILTIN_PACKAGE, {}), shipped)
    if custom_dir is not None:
        if not custom_dir.is_dir():
            raise CatalogError(f"custom tools directory {custom_dir} does not exist")
        for app in _load_apps(custom_dir, _CUSTOM_PACKAGE, catalog.apps):
            catalog.add_app(app)
    return catalog


def _package(name: str, path: Path) -> types.ModuleType:
    module = sys.modules.get(name)
    if module is None:
        module = types.ModuleType(name)
        module.__path__ = [str(path)]
        sys.modules[name] = module
    return module


def _import_file(name: str, path: Path) -> types.ModuleType:
    if name in sys.modules:  # already imported, by another action file or an earlier load
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise CatalogError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except CatalogError:
        raise
    except Exception as exc:
        del sys.modules[name]
        raise CatalogError(f"{path}: {type(exc).__name__}: {exc}") from exc
    return module


def _load_apps(root: Path, package: str, existing: Mapping[str, App]) -> list[App]:
    """Import every app folder under `root`.

    In a custom tools directory a folder may name an existing app (no `app.py`);
    its actions join that app with keys prefixed `~/`.
    """
    _package(package, root)
    custom = package == _CUSTOM_PACKAGE
    apps = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        slug = folder.name
        pkg = f"{package}.{slug}"
        _package(pkg, folder)
        if (folder / "app.py").is_file():
            module = _import_file(f"{pkg}.app", folder / "app.py")
            app = getattr(module, "app", None)
            if not isinstance(app, App):
                raise CatalogError(f"{folder / 'app.py'} must define `app = App(...)`")
            if app.slug != slug:
                raise CatalogError(f"{folder / 'app.py'} declares slug {app.slug!r}; the folder is {slug!r}")
        elif (folder / SPEC_FILE).is_file():
            app = load_openapi_app(folder)
        elif (folder / REMOTE_FILE).is_file():
            app = load_remote_app(folder)
        elif slug in existing and f"{_BUILTIN_PACKAGE}.{slug}.app" in sys.modules:
            app = existing[slug]
            sys.modules[f"{pkg}.app"] = sys.modules[f"{_BUILTIN_PACKAGE}.{slug}.app"]
        else:
            raise CatalogError(f"{folder} has no app.py and names no hand-written app")
        if ((folder / SPEC_FILE).is_file() or (folder / REMOTE_FILE).is_file()) and custom:
            _mark_custom(app, set(app.actions))
        actions_dir = folder / "actions"
        if actions_dir.is_dir():
            _package(f"{pkg}.actions", actions_dir)
            for file in sorted(actions_dir.glob("*.py")):
                if file.name.startswith("_"):
                    continue
                before = set(app.actions)
                _import_file(f"{pkg}.actions.{file.stem}", file)
                if custom:
                    _mark_custom(app, set(app.actions) - before)
        apps.append(app)
    return apps


def _mark_custom(app: App, keys: set[str]) -> None:
    for key in keys:
        action = app.actions.pop(key)
        action.key = f"~/{key}"
        action.custom = True
        app.actions[action.key] = action
