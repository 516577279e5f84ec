from mcp_gateway.catalog import props

from ..app import app, create_record, instance_url, record_url, sf_id


@app.action(
    "add-note",
    title="Add Note",
    description=(
        "Attach a note to a Salesforce record (an account, contact, lead, opportunity, case...), e.g. a summary of a "
        "meeting. It shows in the record's Notes & Attachments. Returns the note's ID."
    ),
    props={
        "parentId": props.string("Record ID", "The ID of the record the note belongs to, e.g. `0015g00000ABCDeAAH`."),
        "title": props.string("Title", "The note's title, e.g. `Call with Ada`.", ),
        "body": props.string("Body", "The note's text, up to 32,000 characters.", optional=True),
        "isPrivate": props.boolean("Private", "`true` shows the note only to its owner and admins.", optional=True),
    },
)
async def add_note(ctx):
    parent = sf_id(ctx.props.parentId, "parentId")
    fields = {"ParentId": parent, "Title": ctx.props.title}
    if ctx.props.get("body"):
        fields["Body"] = ctx.props.body
    if ctx.props.get("isPrivate") is not None:
        fields["IsPrivate"] = bool(ctx.props.isPrivate)
    note_id = await create_record(ctx, "Note", fields)
    ctx.summary = f"Added note {note_id} ({ctx.props.title}) to record {parent}"
    return {"id": note_id, "sobjectType": "Note", "parentId": parent, "url": record_url(await instance_url(ctx), note_id)}
