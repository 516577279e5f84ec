from mcp_gateway.catalog import props

from ..app import app, create_record, created_summary, sf_id


@app.action(
    "add-note",
    title="Add Note",
    description=(
        "Attach a note to a Salesforce record (an account, contact, lead, opportunity, case...), e.g. a summary of a "
        "meeting. It shows in the record's Notes & Attachments. Returns the note's ID. For a to-do or a logged "
        "call use salesforce_rest_api-create-task."
    ),
    props={
        "parentId": props.string("Record ID", "The ID of the record the note belongs to, e.g. `0015g00000ABCDeAAH`, from a query or search."),
        "title": props.string("Title", "The note's title, e.g. `Call with Ada`.", ),
        "body": props.string("Body", "The note's text, up to 32,000 characters.", optional=True),
        "isPrivate": props.boolean("Private", "`true` shows the note only to its owner and admins.", optional=True),
    },
    trim=created_summary,
)
async def add_note(ctx):
    parent = sf_id(ctx.props.parentId, "parentId")
    fields = {"ParentId": parent, "Title": ctx.props.title}
    if ctx.props.get("body"):
        fields["Body"] = ctx.props.body
    if ctx.props.get("isPrivate") is not None:
        fields["IsPrivate"] = bool(ctx.props.isPrivate)
    created = await create_record(ctx, "Note", fields)
    note_id = created["id"]
    ctx.summary = f"Added note {note_id} ({ctx.props.title}) to record {parent}"
    return created
