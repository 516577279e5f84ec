from mcp_gateway.catalog import ActionError, props, within

from ..app import app, base_summary, plural, request


def _split(cursor):
    """A cursor is Airtable's offset, with `|n` appended when the page it names was cut after n bases."""
    offset, _, skip = (cursor or "").partition("|")
    try:
        return offset or None, int(skip or 0)
    except ValueError:
        raise ActionError("the cursor is not one this action returned; pass `next_cursor` unchanged") from None


@app.action(
    "list-bases",
    title="List Bases",
    description=(
        "List the Airtable bases the connection can reach, with each base's ID (`app...`), name and the user's "
        "permission level. Use it to find the base ID the other Airtable tools need; then airtable_oauth-list-tables "
        "or airtable_oauth-get-base-schema shows what is inside. Returns `bases` and a `next_cursor` when more exist."
    ),
    props={"limit": props.limit("bases"), "cursor": props.cursor()},
    read_only=True,
    trim=within("bases", base_summary),
)
async def list_bases(ctx):
    limit = ctx.props.limit
    offset, skip = _split(ctx.props.get("cursor"))
    bases, next_cursor = [], None
    while True:
        data = await request(ctx, "GET", "/meta/bases", params={"offset": offset} if offset else None)
        batch = (data.get("bases") or [])[skip:]
        room = limit - len(bases)
        if len(batch) > room:
            bases.extend(batch[:room])
            next_cursor = f"{offset or ''}|{skip + room}"
            break
        bases.extend(batch)
        offset, skip = data.get("offset"), 0
        if not offset or not batch or len(bases) == limit:
            next_cursor = offset or None
            break
    ctx.summary = f"Found {plural(len(bases), 'base')}{' (more exist)' if next_cursor else ''}"
    return {"bases": bases, "next_cursor": next_cursor}
