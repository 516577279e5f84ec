from mcp_gateway.catalog import props

from ..app import AMOUNT_NOTE, api, app, money, order_summary, request_id


@app.action(
    "create-order",
    title="Create Order",
    description=(
        "Start a PayPal checkout for an amount: returns the order ID and the `approve_url` where the buyer logs in to "
        "PayPal and approves. After they approve (and come back to the return URL), take the money with "
        "paypal-capture-order. Money does not move until then."
    ),
    props={
        "amount": props.string("Amount", f"The total to charge, {AMOUNT_NOTE}."),
        "currency": app.definition("currency"),
        "description": props.string("Description", "What is bought, shown to the buyer, e.g. `Annual plan`.", optional=True),
        "invoiceId": props.string("Your Invoice ID", "Your own invoice or order number, kept with the payment; PayPal "
                                  "refuses a second payment with the same one.", optional=True),
        "customId": props.string("Custom ID", "Your own reference kept with the payment (not shown to the buyer).",
                                 optional=True),
        "returnUrl": props.string("Return URL", "Where PayPal sends the buyer after they approve, e.g. "
                                  "`https://example.com/paid`.", optional=True),
        "cancelUrl": props.string("Cancel URL", "Where PayPal sends the buyer if they cancel.", optional=True),
        "brandName": props.string("Brand Name", "Your business name shown on the PayPal pages.", optional=True),
        "requestId": app.definition("requestId"),
    },
    trim=order_summary,
)
async def create_order(ctx):
    unit = {"amount": money(ctx.props.amount, ctx.props.currency)}
    for prop, field in (("description", "description"), ("invoiceId", "invoice_id"), ("customId", "custom_id")):
        if ctx.props.get(prop):
            unit[field] = ctx.props[prop]
    body = {"intent": "CAPTURE", "purchase_units": [unit]}
    experience = {field: ctx.props[prop] for prop, field in (
        ("returnUrl", "return_url"), ("cancelUrl", "cancel_url"), ("brandName", "brand_name")) if ctx.props.get(prop)}
    if experience:
        body["payment_source"] = {"paypal": {"experience_context": {**experience, "user_action": "PAY_NOW"}}}
    order = await api(ctx, "POST", "/v2/checkout/orders", json=body,
                      headers={"PayPal-Request-Id": request_id(ctx), "Prefer": "return=representation"})
    ctx.summary = f"Created the PayPal order {order.get('id')} for {unit['amount']['value']} {unit['amount']['currency_code']}"
    return order
