from ..app import api, app, statement_path


@app.action(
    "cancel-statement",
    title="Cancel Statement",
    description="Stop a Snowflake statement that is still running, e.g. a query taking too long, by its handle.",
    props={"statementHandle": app.definition("statementHandle")},
    idempotent=True,
    trim=lambda answer: {"statement_handle": answer.get("statementHandle"), "message": answer.get("message")},
)
async def cancel_statement(ctx):
    answer = await api(ctx, "POST", f"{statement_path(ctx.props.statementHandle)}/cancel")
    ctx.summary = answer.get("message") or "Cancelled the statement"
    return answer
