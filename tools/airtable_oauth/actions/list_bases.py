from mcp_gateway.catalog import props

from ..app import app, request


@app.action(
    "list-bases",
    title="List Bases",
    description=(
        "List the Airtable bases the connection can reach, with each base's ID (`app...`), name and the user's "
        "permission level. Use it to find the base ID the other Airtable tools need."
    ),
    props={
        "maxResults": props.integer(
            "Max Results", "The most bases to return. Defaults to 100.", optional=True, default=100, min=1, max=1000,
        ),
    },
    read_only=True,
)
async def list_bases(ctx):
    limit = ctx.props.get("maxResults") or 100
    bases, offset = [], None
    while len(bases) < limit:
        data = await request(ctx, "GET", "/meta/bases", params={"offset": offset} if offset else None)
        batch = data.get("bases") or []
        bases.extend(batch)
        offset = data.get("offset")
        if not offset or not batch:
            break
    bases = [{"id": b.get("id"), "name": b.get("name"), "permissionLevel": b.get("permissionLevel")} for b in bases[:limit]]
    more = " (more exist)" if offset and len(bases) >= limit else ""
    ctx.summary = f"Found {len(bases)} base{'' if len(bases) == 1 else 's'}{more}"
    return {"bases": bases, "count": len(bases)}
