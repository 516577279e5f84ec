from mcp_gateway.catalog import props, within

from ..app import app, coupon_summary, list_page, listed


@app.action(
    "list-coupons",
    title="List Coupons",
    description=(
        "List the account's coupons, newest first: discount (percent, or amount in the currency's smallest unit), "
        "duration, redemptions and whether it is still valid. To make one use stripe-create-coupon. Returns "
        "`coupons` and a `next_cursor` when more exist."
    ),
    props={"limit": props.limit("coupons"), "cursor": props.cursor()},
    read_only=True,
    trim=within("coupons", coupon_summary),
)
async def list_coupons(ctx):
    coupons, next_cursor = await list_page(ctx, "/coupons")
    ctx.summary = listed(len(coupons), "coupon", next_cursor)
    return {"coupons": coupons, "next_cursor": next_cursor}
