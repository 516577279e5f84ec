from mcp_gateway.catalog import props, within

from ..app import app, page


def _actor(actor):
    return {"actor": f"{actor.get('username')}/{actor.get('name')}", "title": actor.get("title"),
            "description": actor.get("description"), "runs": (actor.get("stats") or {}).get("totalRuns"),
            "pricing": (actor.get("currentPricingInfo") or {}).get("pricingModel")}


@app.action(
    "find-actors",
    title="Find Actors",
    description=(
        "Search Apify Store for Actors (ready-made scrapers and automations), e.g. `google maps` or `instagram "
        "profile`, to find one to run with apify-run-actor. Returns each one's `username/name`, what it does and its "
        "pricing model."
    ),
    props={"search": props.string("Search", "What the Actor should do or scrape, e.g. `amazon product reviews`."),
           "limit": props.limit("Actors", default=10), "cursor": props.cursor()},
    read_only=True,
    trim=within("actors", _actor),
)
async def find_actors(ctx):
    items, following = await page(ctx, "/store", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                  params={"search": ctx.props.search})
    ctx.summary = f"Found {len(items)} Actors for {ctx.props.search!r}"
    return {"actors": items, "next_cursor": following}
