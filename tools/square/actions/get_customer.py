from ..app import api, app, customer_summary, seg


def _details(customer):
    return {**customer_summary(customer), "nickname": customer.get("nickname"), "birthday": customer.get("birthday"),
            "address": customer.get("address"), "group_ids": customer.get("group_ids"),
            "creation_source": customer.get("creation_source")}


@app.action(
    "get-customer",
    title="Get Customer",
    description=(
        "Read one Square customer profile by ID: name, contact details, address, note and groups. To find a customer "
        "by email or phone, use square-search-customers."
    ),
    props={"customerId": app.definition("customerId")},
    read_only=True,
    trim=_details,
)
async def get_customer(ctx):
    customer = (await api(ctx, "GET", f"/v2/customers/{seg(ctx.props.customerId)}")).get("customer") or {}
    name = " ".join(p for p in (customer.get("given_name"), customer.get("family_name")) if p) or customer.get("id")
    ctx.summary = f"Read the customer {name}"
    return customer
