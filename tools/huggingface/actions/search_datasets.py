from mcp_gateway.catalog import props, within

from ..app import SORTS, app, hub_list, listed


@app.action(
    "search-datasets",
    title="Search Datasets",
    description=(
        "Search the Hugging Face Hub for datasets by name, author and tags (task, language, size, license), most "
        "trending first by default. Returns each dataset's ID, downloads, likes and description; read one's card and "
        "files with huggingface-get-dataset."
    ),
    props={
        "search": props.string("Search", "Words in the dataset's ID, e.g. `squad` or `medical`.", optional=True),
        "author": props.string("Author", "Only datasets of this user or organization, e.g. `HuggingFaceFW`.", optional=True),
        "filter": props.string_list(
            "Tags", "Only datasets with all these tags, e.g. `[\"task_categories:text-classification\", \"language:en\", "
            "\"size_categories:10K<n<100K\"]`.", optional=True),
        "sort": props.string("Sort", "Order, highest first: trending (default), downloads, likes, updated or created.",
                             options=list(SORTS), optional=True, default="trending"),
        "limit": props.limit("datasets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("datasets", lambda d: listed("dataset", d)),
)
async def search_datasets(ctx):
    params = {"search": ctx.props.get("search"), "author": ctx.props.get("author"),
              "filter": list(ctx.props.get("filter") or []), "sort": SORTS[ctx.props.get("sort") or "trending"]}
    datasets, following = await hub_list(ctx, "/datasets", params=params, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Found {len(datasets)} datasets" + (" (more remain)" if following else "")
    return {"datasets": datasets, "next_cursor": following}
