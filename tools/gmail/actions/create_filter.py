from mcp_gateway.catalog import ActionError, props

from ..app import api, app, clean_ids


@app.action(
    "create-filter",
    title="Create Filter",
    description=(
        "Create a Gmail filter that acts on incoming mail matching some criteria: add labels (e.g. a user label, "
        "`STARRED`, `IMPORTANT`, `TRASH`), remove labels (`INBOX` to skip the inbox, `UNREAD` to mark read) or forward "
        "to an address the user has already verified in Gmail. It applies to new mail only; to relabel existing "
        "emails use gmail-batch-modify-emails. Returns the filter with its ID."
    ),
    props={
        "from": props.string("From", "Match emails from this sender, e.g. `billing@example.com` or `example.com`.", optional=True),
        "to": props.string("To", "Match emails to this recipient, e.g. `team@example.com`.", optional=True),
        "subject": props.string("Subject", "Match emails whose subject contains this, e.g. `invoice`.", optional=True),
        "query": props.string(
            "Has the Words",
            "Match emails that Gmail search syntax finds, e.g. `has:attachment larger:5M` or `\"order confirmed\"`.",
            optional=True,
        ),
        "negatedQuery": props.string(
            "Doesn't Have", "Leave out emails that this Gmail search finds, e.g. `unsubscribe`.", optional=True
        ),
        "hasAttachment": props.boolean("Has Attachment", "`true` to match only emails with an attachment.", optional=True),
        "size": props.integer("Size (bytes)", "Match by size, with sizeComparison, e.g. `5000000`.", min=1, optional=True),
        "sizeComparison": props.string(
            "Size Comparison", "`larger` or `smaller` than size.", options=["larger", "smaller"], optional=True
        ),
        "addLabelIds": app.definition("labelIds", optional=True, label="Add Labels", description=(
            "Label IDs to put on matching emails, e.g. `[\"Label_3\"]` or `[\"STARRED\"]`, from gmail-list-labels "
            "(make a new one with gmail-create-label)."
        )),
        "removeLabelIds": app.definition("labelIds", optional=True, label="Remove Labels", description=(
            "Label IDs to take off matching emails: `[\"INBOX\"]` skips the inbox (archives), `[\"UNREAD\"]` marks "
            "them read."
        )),
        "forward": props.string(
            "Forward To",
            "An address to forward matching emails to, e.g. `archive@example.com`; it must already be a verified "
            "forwarding address in the user's Gmail settings.",
            optional=True,
        ),
    },
)
async def create_filter(ctx):
    criteria = {}
    for key in ("from", "to", "subject", "query", "negatedQuery"):
        if ctx.props.get(key):
            criteria[key] = ctx.props[key]
    if ctx.props.get("hasAttachment"):
        criteria["hasAttachment"] = True
    if ctx.props.get("size") is not None:
        if not ctx.props.get("sizeComparison"):
            raise ActionError("give sizeComparison (`larger` or `smaller`) with size")
        criteria["size"] = ctx.props.size
        criteria["sizeComparison"] = ctx.props.sizeComparison
    if not criteria:
        raise ActionError("give at least one criterion: from, to, subject, query, negatedQuery, hasAttachment or size")
    action = {}
    add, remove = clean_ids(ctx.props.get("addLabelIds")), clean_ids(ctx.props.get("removeLabelIds"))
    if add:
        action["addLabelIds"] = add
    if remove:
        action["removeLabelIds"] = remove
    if ctx.props.get("forward"):
        action["forward"] = ctx.props.forward.strip()
    if not action:
        raise ActionError("give at least one thing to do: addLabelIds, removeLabelIds or forward")
    created = await api(ctx, "POST", "/settings/filters", json={"criteria": criteria, "action": action})
    ctx.summary = f"Created filter {created.get('id')} for {', '.join(f'{k}={v}' for k, v in criteria.items())}"
    return created
