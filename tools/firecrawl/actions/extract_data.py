from mcp_gateway.catalog import ActionError, props

from ..app import api, app


@app.action(
    "extract-data",
    title="Start Data Extraction",
    description=(
        "Pull structured data out of web pages with a prompt and optionally a JSON Schema, e.g. every product's name and "
        "price. URLs may end in `/*` to cover a whole site. Returns an extraction ID at once; get the data with "
        "firecrawl-get-extraction. For a page's plain content use firecrawl-scrape-page."
    ),
    props={
        "urls": props.string_list("URLs", "The pages, e.g. `[\"https://example.com/products/*\"]`."),
        "prompt": props.string("Prompt", "What to extract, in words, e.g. `each plan's name, monthly price and limits`.", optional=True),
        "schema": props.obj("Schema", "A JSON Schema the result must follow, e.g. `{\"type\": \"object\", \"properties\": {...}}`.", optional=True),
        "enableWebSearch": props.boolean("Use Web Search", "Also follow links outside the given pages to complete the data.",
                                         optional=True, default=False),
    },
    trim=lambda answer: {"extraction_id": answer.get("id")},
)
async def extract_data(ctx):
    if not ctx.props.get("prompt") and not ctx.props.get("schema"):
        raise ActionError("say what to extract: give a prompt, a schema, or both")
    body = {"urls": list(ctx.props.urls)}
    for prop in ("prompt", "schema"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    if ctx.props.get("enableWebSearch"):
        body["enableWebSearch"] = True
    answer = await api(ctx, "POST", "/extract", json=body)
    ctx.summary = f"Started extraction {answer.get('id')}"
    return answer
