from mcp_gateway.catalog import ActionError, props

from ..app import CUSTOMER_FIELDS, app, customer_summary, graphql, user_errors

_MUTATION = f"""mutation CreateCustomer($input: CustomerInput!) {{
  customerCreate(input: $input) {{
    customer {{ {CUSTOMER_FIELDS} }}
    userErrors {{ field message }}
  }}
}}"""


@app.action(
    "create-customer",
    title="Create Customer",
    description=(
        "Add a customer to the Shopify store with name, email, phone, note and tags. Shopify refuses an email or "
        "phone another customer has; find existing ones with shopify_developer_app-search-customers. No invitation "
        "email is sent."
    ),
    props={
        "email": props.string("Email", "The customer's email, e.g. `bob@example.com`.", optional=True),
        "firstName": props.string("First Name", "The customer's first name.", optional=True),
        "lastName": props.string("Last Name", "The customer's last name.", optional=True),
        "phone": props.string("Phone", "The phone number in E.164 form, e.g. `+16135550199`.", optional=True),
        "note": props.string("Note", "A note about the customer, for staff.", optional=True),
        "tags": props.string_list("Tags", "Tags, e.g. `[\"wholesale\"]`.", optional=True),
    },
    trim=customer_summary,
)
async def create_customer(ctx):
    customer_input = {name: ctx.props[name] for name in ("email", "firstName", "lastName", "phone", "note", "tags")
                      if ctx.props.get(name) not in (None, "", [])}
    if not any(k in customer_input for k in ("email", "phone", "firstName", "lastName")):
        raise ActionError("give the customer an email, a phone number or a name")
    payload = (await graphql(ctx, _MUTATION, {"input": customer_input})).get("customerCreate") or {}
    user_errors(payload, "create the customer")
    customer = payload.get("customer") or {}
    ctx.summary = f"Created the customer {customer.get('displayName') or customer.get('email')} ({customer.get('id')})"
    return customer
