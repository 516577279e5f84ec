from mcp_gateway.catalog import ActionError, props, within

from ..app import app, contact_summary, graph_list


def _quoted(value):
    return "'" + str(value).strip().replace("'", "''") + "'"


@app.action(
    "list-contacts",
    title="List or Find Contacts",
    description=(
        "List the connected user's Outlook contacts by name, or find them by email address or by the start of "
        "their name: each with ID, name, email addresses, phones, company and job title. To add one use "
        "microsoft_outlook-create-contact. Returns `contacts` and a `next_cursor` when more exist."
    ),
    props={
        "email": props.string(
            "Email Address", "Only contacts with exactly this email address, e.g. `ada@example.com`.", optional=True
        ),
        "nameStartsWith": props.string(
            "Name Starts With", "Only contacts whose display name starts with this, e.g. `Ada`.", optional=True
        ),
        "limit": props.limit("contacts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contacts", contact_summary),
)
async def list_contacts(ctx):
    email, name = ctx.props.get("email"), ctx.props.get("nameStartsWith")
    if email and name:
        raise ActionError("give email or nameStartsWith, not both")
    params = {}
    if email:
        params["$filter"] = f"emailAddresses/any(a:a/address eq {_quoted(email)})"
    elif name:
        params["$filter"] = f"startswith(displayName,{_quoted(name)})"
    else:
        params["$orderby"] = "displayName"
    contacts, next_cursor = await graph_list(ctx, "/me/contacts", params)
    what = f" with address {email}" if email else f" named {name}..." if name else ""
    ctx.summary = f"Found {len(contacts)} contact(s){what}" + (" (more available)" if next_cursor else "")
    return {"contacts": contacts, "next_cursor": next_cursor}
