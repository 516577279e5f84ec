from ..app import api, app, statement_path, statement_summary


@app.action(
    "get-statement-status",
    title="Get Statement Status",
    description=(
        "Check a statement started with snowflake-run-statement: whether it is still `running`, and once done its "
        "first rows, like snowflake-run-statement returns them. A failed statement comes back as an error saying why."
    ),
    props={"statementHandle": app.definition("statementHandle")},
    read_only=True,
    trim=statement_summary,
)
async def get_statement_status(ctx):
    answer = await api(ctx, "GET", statement_path(ctx.props.statementHandle))
    if answer.get("code") == "333334":
        ctx.summary = "The statement is still running"
    else:
        ctx.summary = f"The statement is done: {(answer.get('resultSetMetaData') or {}).get('numRows', 0)} rows"
    return answer
