from mcp_gateway.catalog import ActionError, props

from ..app import api, app, zone_path

# Cloudflare takes at most 30 URLs, tags, hosts or prefixes in one purge call.
MAX_ITEMS = 30


@app.action(
    "purge-cache",
    title="Purge Cache",
    description=(
        "Remove files from Cloudflare's cache for a zone so the next visits fetch them from the origin: either "
        "everything, or given URLs (any plan), or by cache tag, host name or URL prefix. Give exactly one kind."
    ),
    props={
        "zoneId": app.definition("zoneId"),
        "purgeEverything": props.boolean("Purge Everything", "Remove every cached file of the zone.", optional=True),
        "files": props.string_list("URLs", "Full URLs to remove, e.g. `[\"https://example.com/app.css\"]`; 30 at most.",
                                   optional=True),
        "tags": props.string_list("Cache Tags", "Cache-Tag header values whose files to remove.", optional=True),
        "hosts": props.string_list("Hosts", "Host names whose files to remove, e.g. `[\"www.example.com\"]`.", optional=True),
        "prefixes": props.string_list("Prefixes", "URL prefixes without the scheme, e.g. `[\"www.example.com/img/\"]`.",
                                      optional=True),
    },
    idempotent=True,
    trim=lambda data: {"purge_id": (data.get("result") or {}).get("id")},
)
async def purge_cache(ctx):
    lists = {key: [v.strip() for v in ctx.props.get(key) or [] if v.strip()] for key in ("files", "tags", "hosts", "prefixes")}
    given = [key for key, values in lists.items() if values]
    if bool(ctx.props.get("purgeEverything")) + len(given) != 1:
        raise ActionError("give exactly one of purgeEverything, files, tags, hosts or prefixes")
    if ctx.props.get("purgeEverything"):
        body, what = {"purge_everything": True}, "everything"
    else:
        key = given[0]
        if len(lists[key]) > MAX_ITEMS:
            raise ActionError(f"give at most {MAX_ITEMS} {key} a call (got {len(lists[key])}); split them up")
        body, what = {key: lists[key]}, f"{len(lists[key])} {key}"
    data = await api(ctx, "POST", zone_path(ctx.props.zoneId, "purge_cache"), json=body)
    ctx.summary = f"Purged {what} from the cache"
    return data
