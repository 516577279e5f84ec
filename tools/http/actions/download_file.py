import asyncio

from mcp_gateway.catalog import props

from ..app import app, check_url


@app.action(
    "download-file",
    title="Download File to /tmp",
    description=(
        "Download a file from a public URL and save it under `/tmp`, where later steps "
        "(and File Stash) can pick it up. Returns the saved path and size."
    ),
    props={
        "url": props.string("URL", "The full URL of the file, e.g. `https://example.com/report.pdf`."),
        "filePath": props.string(
            "File Path",
            "Where to save the file, under `/tmp`, e.g. `/tmp/report.pdf`.",
        ),
    },
    stash="optional",
)
async def download_file(ctx):
    check_url(ctx, ctx.props.url)
    target = ctx.tmp_path(ctx.props.filePath)
    response = await ctx.http.get(ctx.props.url)
    await asyncio.to_thread(_save, target, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {size} bytes to {ctx.props.filePath}"
    return {
        "filePath": ctx.props.filePath,
        "size": size,
        "contentType": response.headers.get("content-type"),
    }


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
