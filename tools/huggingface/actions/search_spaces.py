from mcp_gateway.catalog import props, within

from ..app import app, hub_list, listed

_SORTS = {"trending": "trendingScore", "likes": "likes", "updated": "lastModified", "created": "createdAt"}


@app.action(
    "search-spaces",
    title="Search Spaces",
    description=(
        "Search the Hugging Face Hub for Spaces (hosted demo apps) by name, author, or the model or dataset they use, "
        "most trending first by default. Returns each Space's ID, SDK (gradio, streamlit, docker, static), run state, "
        "likes and URL."
    ),
    props={
        "search": props.string("Search", "Words in the Space's ID, e.g. `background removal`.", optional=True),
        "author": props.string("Author", "Only Spaces of this user or organization.", optional=True),
        "models": props.string_list("Uses Models", "Only Spaces that use these models, e.g. `[\"openai/whisper-large-v3\"]`.",
                                    optional=True),
        "datasets": props.string_list("Uses Datasets", "Only Spaces that use these datasets.", optional=True),
        "sort": props.string("Sort", "Order, highest first: trending (default), likes, updated or created.",
                             options=list(_SORTS), optional=True, default="trending"),
        "limit": props.limit("Spaces"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("spaces", lambda s: listed("space", s)),
)
async def search_spaces(ctx):
    params = {"search": ctx.props.get("search"), "author": ctx.props.get("author"),
              "models": list(ctx.props.get("models") or []), "datasets": list(ctx.props.get("datasets") or []),
              "sort": _SORTS[ctx.props.get("sort") or "trending"]}
    spaces, following = await hub_list(ctx, "/spaces", params=params, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Found {len(spaces)} Spaces" + (" (more remain)" if following else "")
    return {"spaces": spaces, "next_cursor": following}
