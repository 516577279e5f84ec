from mcp_gateway.catalog import ActionError, props, within

from ..app import app, contact_summary, request


@app.action(
    "search-contacts",
    title="Search Contacts",
    description=(
        "Find marketing contacts by exact email addresses, or with a query in SendGrid's segmentation query "
        "language (SGQL). Returns the contacts with their IDs (needed to delete them or take them off a list), "
        "names, lists and custom fields; a query returns at most 50. To add or change a contact, use "
        "sendgrid-add-or-update-contact."
    ),
    props={
        "emails": props.string_list(
            "Emails", "Exact email addresses to look up (up to 100), e.g. `[\"ada@example.com\"]`.", optional=True,
        ),
        "query": props.string(
            "SGQL Query",
            "Used instead of emails: an SGQL condition, e.g. `first_name = 'Ada'`, `email LIKE '%@example.com'` or "
            "`CONTAINS(list_ids, 'ca7a3796-e8a8-4029-9ccb-df8937940562')`. Emails are stored in lower case.",
            optional=True,
        ),
    },
    read_only=True,
    trim=within("contacts", contact_summary),
)
async def search_contacts(ctx):
    emails, query = ctx.props.get("emails"), ctx.props.get("query")
    if bool(emails) == bool(query):
        raise ActionError("give either emails or an SGQL query (one of them)")
    if emails:
        # SendGrid answers 404 when none of the addresses is a contact.
        data = await request(ctx, "POST", "/marketing/contacts/search/emails", body={"emails": list(emails)}, ok_statuses=(404,)) or {}
        found = data.get("result") if isinstance(data.get("result"), dict) else {}
        contacts = [entry["contact"] for entry in found.values() if isinstance(entry, dict) and entry.get("contact")]
        missing = [email for email in emails if not (found.get(email.lower()) or found.get(email) or {}).get("contact")]
        ctx.summary = f"Found {len(contacts)} of {len(emails)} contact{'s' if len(emails) != 1 else ''} by email"
        return {"contacts": contacts, "not_found": missing}
    data = await request(ctx, "POST", "/marketing/contacts/search", body={"query": query}) or {}
    contacts = data.get("result") or []
    total = data.get("contact_count", len(contacts))
    ctx.summary = f"Found {total} contact{'s' if total != 1 else ''} matching {query}" + (
        f", returned {len(contacts)}" if total != len(contacts) else ""
    )
    return {"contacts": contacts, "contact_count": total}
