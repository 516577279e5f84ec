from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "get-extraction",
    title="Get Extraction",
    description=(
        "Get the result of an extraction started with firecrawl-extract-data: its status (`processing`, `completed`, "
        "`failed`) and, once completed, the extracted data. While processing, call it again later."
    ),
    props={"extractionId": props.string("Extraction ID", "The `extraction_id` firecrawl-extract-data returned.")},
    read_only=True,
    trim=lambda answer: {"status": answer.get("status"), "data": answer.get("data"), "expires_at": answer.get("expiresAt")},
)
async def get_extraction(ctx):
    answer = await api(ctx, "GET", f"/extract/{quote(ctx.props.extractionId.strip(), safe='')}")
    ctx.summary = f"Extraction {answer.get('status')}"
    return answer
