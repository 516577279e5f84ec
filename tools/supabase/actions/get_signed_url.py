from mcp_gateway.catalog import props

from ..app import api, app, object_path, seg


@app.action(
    "get-signed-url",
    title="Get Signed URL",
    description=(
        "Make a link to one file in a Supabase Storage bucket that anyone can open until it expires, e.g. to share "
        "a private invoice. Find the file's path with supabase-list-storage-objects."
    ),
    props={
        "bucket": app.definition("bucket"),
        "path": props.string("File Path", "The file's path in the bucket, e.g. `invoices/2026/0042.pdf`."),
        "expiresIn": props.integer(
            "Expires In (s)", "Seconds the link works for (default 3600, one hour).", optional=True, default=3600, min=1,
        ),
    },
    read_only=True,
    trim=lambda answer: {"signed_url": answer.get("signed_url"), "expires_in": answer.get("expires_in")},
)
async def get_signed_url(ctx):
    answer = await api(ctx, "POST", f"/storage/v1/object/sign/{seg(ctx.props.bucket)}/{object_path(ctx.props.path)}",
                       json={"expiresIn": ctx.props.expiresIn})
    # Storage answers a path under /storage/v1.
    link = (answer or {}).get("signedURL") or ""
    ctx.summary = f"Made a link to {ctx.props.path} for {ctx.props.expiresIn} s"
    return {**(answer or {}), "signed_url": f"{ctx.http.base_url}/storage/v1{link}" if link.startswith("/") else link,
            "expires_in": ctx.props.expiresIn}
