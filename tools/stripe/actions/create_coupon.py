from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, coupon_summary, idempotency_key, request


@app.action(
    "create-coupon",
    title="Create Coupon",
    description=(
        "Create a coupon: a percentage or fixed amount off, once, for some months, or forever. Apply it with "
        "stripe-create-subscription or stripe-update-subscription (`coupon`); stripe-list-coupons shows existing "
        "ones. Returns the coupon's ID."
    ),
    props={
        "percentOff": props.string(
            "Percent Off", "The discount in percent, e.g. `25` or `12.5`. Use this or `amountOff`.", optional=True,
        ),
        "amountOff": props.integer(
            "Amount Off",
            "A fixed discount in the currency's smallest unit (cents for usd, e.g. `500` for $5.00 off). Needs "
            "`currency`. Use this or `percentOff`.",
            min=1,
            optional=True,
        ),
        "currency": app.definition("currency", optional=True, description=(
            "With `amountOff`: three-letter currency code in lowercase, e.g. `usd`."
        )),
        "duration": props.string(
            "Duration",
            "How long the discount lasts on a subscription: `once` (first invoice), `repeating` (for "
            "`durationInMonths`) or `forever`.",
            options=["once", "repeating", "forever"],
            default="once",
        ),
        "durationInMonths": props.integer(
            "Duration In Months", "With `repeating`: how many months the discount lasts, e.g. `3`.", min=1, optional=True,
        ),
        "name": props.string("Name", "The name customers see on invoices and receipts, e.g. `Summer sale`.", optional=True),
        "id": props.string(
            "Coupon Code", "An ID of your own choosing, e.g. `SUMMER25`. Leave empty for a random one.", optional=True,
        ),
        "maxRedemptions": props.integer("Max Redemptions", "How many times the coupon can be used in all.", min=1, optional=True),
        "redeemBy": props.integer(
            "Redeem By", "The last moment it can be used, as a Unix timestamp in seconds, e.g. `1735689600`.", optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=coupon_summary,
)
async def create_coupon(ctx):
    percent, amount = ctx.props.get("percentOff"), ctx.props.get("amountOff")
    if bool(percent) == (amount is not None):
        raise ActionError("give either percentOff or amountOff (with a currency)")
    if percent:
        try:
            if not 0 < float(percent) <= 100:
                raise ValueError
        except ValueError:
            raise ActionError(f"percentOff must be a number above 0 and at most 100, e.g. `25`; got {percent!r}") from None
    if amount is not None and not ctx.props.get("currency"):
        raise ActionError("an amountOff needs its currency, e.g. `usd`")
    duration = ctx.props.duration
    if (duration == "repeating") != (ctx.props.get("durationInMonths") is not None):
        raise ActionError("durationInMonths goes with duration `repeating`, and `repeating` needs it")
    data = clean({
        "percent_off": percent,
        "amount_off": amount,
        "currency": (ctx.props.get("currency") or "").lower() or None,
        "duration": duration,
        "duration_in_months": ctx.props.get("durationInMonths"),
        "name": ctx.props.get("name"),
        "id": ctx.props.get("id"),
        "max_redemptions": ctx.props.get("maxRedemptions"),
        "redeem_by": ctx.props.get("redeemBy"),
        "metadata": ctx.props.get("metadata") or None,
    })
    coupon = await request(ctx, "POST", "/coupons", data=data, idempotency_key=idempotency_key(ctx))
    off = f"{coupon['percent_off']:g}%" if coupon.get("percent_off") is not None else f"{coupon.get('amount_off')} {coupon.get('currency')}"
    ctx.summary = f"Created coupon {coupon['id']}: {off} off, {coupon.get('duration')}"
    return coupon
