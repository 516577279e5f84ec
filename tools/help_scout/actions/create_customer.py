from mcp_gateway.catalog import ActionError, props

from ..app import app, created_id, request


@app.action(
    "create-customer",
    title="Create Customer",
    description=(
        "Add a customer to Help Scout with their name, emails and phone numbers. Look first with "
        "help_scout-list-customers: an email can belong to one customer only. A conversation started with "
        "help_scout-create-conversation adds its customer by itself. Returns the new customer's ID."
    ),
    props={
        "firstName": props.string("First Name", "The customer's first name."),
        "lastName": props.string("Last Name", "The customer's last name.", optional=True),
        "emails": props.string_list("Emails", "Their email addresses (filed as work addresses).", optional=True),
        "phones": props.string_list("Phones", "Their phone numbers (filed as work numbers).", optional=True),
        "organization": props.string("Organization", "The company they work for.", optional=True),
        "jobTitle": props.string("Job Title", "Their job title.", optional=True),
        "location": props.string("Location", "Where they are, e.g. `London`.", optional=True),
        "background": props.string("Background", "Notes about the customer.", optional=True),
    },
)
async def create_customer(ctx):
    if not ctx.props.get("emails") and not ctx.props.get("phones"):
        raise ActionError("give the customer at least one email or phone number")
    body = {"firstName": ctx.props.firstName}
    for name in ("lastName", "organization", "jobTitle", "location", "background"):
        if ctx.props.get(name):
            body[name] = ctx.props[name]
    for name in ("emails", "phones"):
        if ctx.props.get(name):
            body[name] = [{"type": "work", "value": value} for value in ctx.props[name]]
    response = await request(ctx, "POST", "/customers", json=body)
    customer_id = created_id(response)
    ctx.summary = f"Added the customer {ctx.props.firstName} ({customer_id})"
    return {"id": customer_id, "first_name": ctx.props.firstName, "last_name": ctx.props.get("lastName")}
