from mcp_gateway.catalog import ActionError

from ..app import api, app


def _script(script):
    return {"id": script.get("id"), "created_on": script.get("created_on"), "modified_on": script.get("modified_on"),
            "usage_model": script.get("usage_model"), "compatibility_date": script.get("compatibility_date"),
            "handlers": script.get("handlers")}


@app.action(
    "list-workers-scripts",
    title="List Workers Scripts",
    description=(
        "List the Workers scripts deployed in a Cloudflare account, by name (`id`), with when they were created and "
        "last changed. The account ID is the `account_id` of any zone from cloudflare_api_key-list-zones."
    ),
    props={"accountId": app.definition("accountId")},
    read_only=True,
    trim=lambda data: [_script(s) for s in data.get("result") or []],
)
async def list_workers_scripts(ctx):
    account = ctx.props.accountId.strip()
    if not account:
        raise ActionError("give the account ID (accountId), the `account_id` of a zone from cloudflare_api_key-list-zones")
    data = await api(ctx, "GET", f"/accounts/{account}/workers/scripts")
    count = len(data.get("result") or [])
    ctx.summary = f"Found {count} Workers script{'s' if count != 1 else ''}"
    return data
