from mcp_gateway.catalog import props, within

from ..app import PERSON_FIELDS, app, collect, person_summary

ORDERS = ["LAST_MODIFIED_DESCENDING", "LAST_MODIFIED_ASCENDING", "FIRST_NAME_ASCENDING", "LAST_NAME_ASCENDING"]


@app.action(
    "list-contacts",
    title="List Contacts",
    description=(
        "List the user's Google Contacts with their names, emails, phones, company and groups, newest changes first "
        "or by name. To find someone by name, email or phone, google_contacts-search-contacts is quicker."
    ),
    props={
        "sortOrder": props.string(
            "Sort Order", "`LAST_MODIFIED_DESCENDING` (recently changed first), `LAST_MODIFIED_ASCENDING`, "
            "`FIRST_NAME_ASCENDING` or `LAST_NAME_ASCENDING`. Keep it the same when passing a cursor.",
            options=ORDERS, optional=True, default="LAST_MODIFIED_DESCENDING",
        ),
        "limit": props.limit("contacts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contacts", person_summary),
)
async def list_contacts(ctx):
    params = {"personFields": PERSON_FIELDS, "sortOrder": ctx.props.get("sortOrder") or "LAST_MODIFIED_DESCENDING"}
    contacts, token = await collect(ctx, "/people/me/connections", "connections", limit=ctx.props.limit,
                                    cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(contacts)} contact{'s' if len(contacts) != 1 else ''}"
    return {"contacts": contacts, "next_cursor": token}
