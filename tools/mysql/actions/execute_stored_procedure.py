from mcp_gateway.catalog import ActionError, props

from ..app import app, connect, current_database, plural, procedure_options, quote_ident


@app.action(
    "execute-stored-procedure",
    title="Call Stored Procedure",
    description=(
        "Call a stored procedure of the database with its parameters, e.g. procedure `add_order` with "
        "parameters `[42, \"2024-05-01\"]`. Give one value per IN and INOUT parameter, in order; OUT parameters "
        "are filled in by the procedure. Returns `resultSets` (the rows of each SELECT the procedure ran, at "
        "most 1000 in all), `outParameters` (OUT and INOUT values by name) and `affectedRows`."
    ),
    props={
        "procedure": props.string(
            "Stored Procedure",
            "The procedure's name in the account's database, e.g. `add_order` (or `other_db.add_order`).",
            options=procedure_options,
        ),
        "parameters": props.any_value(
            "Parameters",
            "An array with one value per IN and INOUT parameter, in order, e.g. `[42, \"2024-05-01\"]`. "
            "The procedure's options show its parameters.",
            optional=True,
        ),
    },
    destructive=True,
    open_world=False,
)
async def execute_stored_procedure(ctx):
    name = ctx.props.procedure
    values = ctx.props.get("parameters")
    if values is None:
        values = []
    if not isinstance(values, list):
        raise ActionError("parameters must be an array with one value per IN and INOUT parameter, e.g. [42]")
    async with connect(ctx) as session:
        current = await current_database(session)
        candidates = [(current, name)]
        for i, ch in enumerate(name):
            if ch == "." and 0 < i < len(name) - 1:
                candidates.append((name[:i], name[i + 1 :]))
        found = None
        for schema, routine in candidates:
            rows = await session.fetch_all(
                "SELECT ROUTINE_SCHEMA, ROUTINE_NAME FROM information_schema.ROUTINES "
                "WHERE ROUTINE_SCHEMA = ? AND ROUTINE_NAME = ? AND ROUTINE_TYPE = 'PROCEDURE'",
                [schema, routine],
            )
            if rows:
                found = (str(rows[0][0]), str(rows[0][1]))
                break
        if found is None:
            known = await session.fetch_all(
                "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? "
                "AND ROUTINE_TYPE = 'PROCEDURE' ORDER BY ROUTINE_NAME LIMIT 30",
                [current],
            )
            listing = ", ".join(str(r[0]) for r in known) or "none"
            raise ActionError(f"stored procedure {name!r} was not found in database {current!r}; its procedures: {listing}")
        schema, routine = found
        declared = await session.fetch_all(
            "SELECT PARAMETER_MODE, PARAMETER_NAME FROM information_schema.PARAMETERS "
            "WHERE SPECIFIC_SCHEMA = ? AND SPECIFIC_NAME = ? AND ROUTINE_TYPE = 'PROCEDURE' AND ORDINAL_POSITION > 0 "
            "ORDER BY ORDINAL_POSITION",
            [schema, routine],
        )
        inputs = [str(n) for mode, n in declared if mode in ("IN", "INOUT")]
        if len(inputs) != len(values):
            wanted = ", ".join(inputs) or "none"
            raise ActionError(
                f"{routine} takes {plural(len(inputs), 'input parameter')} ({wanted}) but "
                f"{len(values)} {'value was' if len(values) == 1 else 'values were'} given"
            )
        given = iter(values)
        args: list[str] = []
        binds: list = []
        outputs: list[tuple[str, str]] = []
        for position, (mode, parameter) in enumerate(declared, start=1):
            variable = f"@mcp_gateway_p{position}"
            if mode == "IN":
                args.append("?")
                binds.append(next(given))
                continue
            await session.execute(f"SET {variable} = ?", [next(given) if mode == "INOUT" else None])
            args.append(variable)
            outputs.append((variable, str(parameter)))
        outcome = await session.execute(f"CALL {quote_ident(schema)}.{quote_ident(routine)}({', '.join(args)})", binds)
        out_values = {}
        if outputs:
            selected = await session.execute(
                "SELECT " + ", ".join(f"{variable} AS {quote_ident(parameter)}" for variable, parameter in outputs)
            )
            out_values = selected.rows[0] if selected.rows else {}
    rows = sum(len(s) for s in outcome.result_sets)
    ctx.summary = (
        f"Called {routine}: {plural(len(outcome.result_sets), 'result set')} with {plural(rows, 'row')}"
        + ("; more rows were left out" if outcome.truncated else "")
    )
    return {"resultSets": outcome.result_sets, "outParameters": out_values, "affectedRows": outcome.affected_rows}
