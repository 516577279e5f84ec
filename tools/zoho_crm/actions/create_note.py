from mcp_gateway.catalog import props

from ..app import api, app, record_result, write_summary


@app.action(
    "create-note",
    title="Create Note",
    description=(
        "Add a note to a Zoho CRM record (a lead, contact, deal...), e.g. a call summary; it shows in the record's "
        "Notes. To change the record's fields use zoho_crm-update-record."
    ),
    props={
        "module": app.definition("module"),
        "recordId": app.definition("recordId"),
        "content": props.string("Content", "The note's text."),
        "title": props.string("Title", "A short heading for the note.", optional=True),
    },
    trim=write_summary,
)
async def create_note(ctx):
    note = {"Note_Content": ctx.props.content,
            "Parent_Id": {"module": {"api_name": ctx.props.module}, "id": str(ctx.props.recordId)}}
    if ctx.props.get("title"):
        note["Note_Title"] = ctx.props.title
    entry = record_result("POST", "/Notes", await api(ctx, "POST", "/Notes", json={"data": [note]}))
    ctx.summary = f"Added note {(entry.get('details') or {}).get('id')} to the {ctx.props.module} record {ctx.props.recordId}"
    return entry
