from mcp_gateway.catalog import props

from ..app import app, get_json, request, ticket_summary

# Fields of a macro's result that name the ticket rather than change it.
_READ_ONLY = ("id", "url")


def macro_result(answer):
    """What the macro did, or would do: the ticket's fields after it and the comment it adds."""
    comment = answer.get("comment") or {}
    return {
        "applied": answer.get("applied"),
        "changes": answer.get("changes"),
        "comment": {"body": comment.get("body"), "public": comment.get("public")} if comment else None,
        "ticket": ticket_summary(answer["ticket"]) if answer.get("ticket") else None,
    }


@app.action(
    "apply-macro",
    title="Apply Macro",
    description=(
        "Run a Zendesk macro on a ticket: its reply or note is added and its field changes (status, assignee, "
        "tags...) are saved, as when an agent clicks it. With `preview` the ticket is left as it is and the "
        "changes the macro would make are returned. List Macros shows what each macro does; for one-off changes "
        "use Update Ticket."
    ),
    props={
        "ticket": app.definition("ticket"),
        "macro": app.definition("macro"),
        "preview": props.boolean(
            "Preview Only", "`true` to only see what the macro would change, without saving it.", default=False
        ),
    },
    destructive=True,
    trim=macro_result,
)
async def apply_macro(ctx):
    result = (await get_json(ctx, f"/tickets/{ctx.props.ticket}/macros/{ctx.props.macro}/apply"))["result"]
    changes = {k: v for k, v in (result.get("ticket") or {}).items() if k not in _READ_ONLY}
    comment = result.get("comment") or {}
    if ctx.props.preview:
        ctx.summary = f"Previewed macro {ctx.props.macro} on ticket #{ctx.props.ticket}: changes {', '.join(sorted(changes)) or 'nothing'}"
        return {"applied": False, "changes": changes, "comment": comment or None}
    update = dict(changes)
    if comment.get("html_body") or comment.get("body"):
        text = {"html_body": comment["html_body"]} if comment.get("html_body") else {"body": comment["body"]}
        update["comment"] = {**text, "public": comment.get("public", True)}
    answer = (await request(ctx, "PUT", f"/tickets/{ctx.props.ticket}", json={"ticket": update})).json()
    ctx.summary = f"Applied macro {ctx.props.macro} to ticket #{ctx.props.ticket}"
    return {"applied": True, "changes": changes, "comment": comment or None, "ticket": answer.get("ticket")}
