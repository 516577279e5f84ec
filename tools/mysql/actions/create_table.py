import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, connect, current_database, describe_table, quote_ident

_VALUE = r"(?:\d+|'(?:[^'\\]|''|\\.)*')"
_TYPE = re.compile(
    rf"[A-Za-z][A-Za-z0-9_]*(?:\s+[A-Za-z][A-Za-z0-9_]*)*"
    rf"(?:\s*\(\s*{_VALUE}(?:\s*,\s*{_VALUE})*\s*\))?"
    rf"(?:\s+(?:UNSIGNED|SIGNED|ZEROFILL|BINARY|(?:CHARACTER\s+SET|CHARSET|COLLATE)\s+\w+))*",
    re.I,
)
# Defaults that are SQL expressions rather than values.
_DEFAULT_EXPRESSIONS = re.compile(
    r"(?:CURRENT_TIMESTAMP|NOW|LOCALTIME|LOCALTIMESTAMP)(?:\(\d?\))?|CURRENT_DATE(?:\(\))?|NULL", re.I
)


def column_definition(column, in_primary_key: bool) -> tuple[str, list]:
    if not isinstance(column, dict):
        raise ActionError("each column must be an object such as {\"name\": \"id\", \"type\": \"INT\"}")
    unknown = set(column) - {"name", "type", "nullable", "default", "autoIncrement", "unique", "comment"}
    if unknown:
        raise ActionError(
            f"column {column.get('name')!r} has unknown field(s) {', '.join(sorted(unknown))}; the fields are "
            "name, type, nullable, default, autoIncrement, unique and comment"
        )
    name, type_ = column.get("name"), column.get("type")
    if not isinstance(name, str) or not name.strip():
        raise ActionError("every column needs a name")
    if not isinstance(type_, str) or not _TYPE.fullmatch(type_.strip()):
        raise ActionError(
            f"column {name!r}: {type_!r} is not a MySQL column type; use e.g. `INT`, `BIGINT UNSIGNED`, "
            "`VARCHAR(255)`, `DECIMAL(10,2)`, `DATETIME`, `TEXT`, `JSON` or `ENUM('a','b')`"
        )
    parts = [quote_ident(name), type_.strip()]
    params: list = []
    nullable = column.get("nullable", not in_primary_key)
    parts.append("NULL" if nullable else "NOT NULL")
    if "default" in column:
        default = column["default"]
        if isinstance(default, str) and _DEFAULT_EXPRESSIONS.fullmatch(default.strip()):
            parts.append(f"DEFAULT {default.strip().upper()}")
        else:
            parts.append("DEFAULT ?")
            params.append(default)
    if column.get("autoIncrement"):
        parts.append("AUTO_INCREMENT")
    if column.get("unique"):
        parts.append("UNIQUE")
    if column.get("comment"):
        parts.append("COMMENT ?")
        params.append(str(column["comment"]))
    return " ".join(parts), params


@app.action(
    "create-table",
    title="Create Table",
    description=(
        "Create a table in the account's database from a list of columns, e.g. columns "
        "`[{\"name\": \"id\", \"type\": \"BIGINT UNSIGNED\", \"autoIncrement\": true}, {\"name\": \"email\", "
        "\"type\": \"VARCHAR(255)\", \"nullable\": false, \"unique\": true}, {\"name\": \"created_at\", \"type\": "
        "\"DATETIME\", \"default\": \"CURRENT_TIMESTAMP\"}]`. An AUTO_INCREMENT column becomes the primary key "
        "unless primaryKey says otherwise. When the table already exists nothing changes (unless ifNotExists "
        "is false, which makes that an error). Returns the table's columns."
    ),
    props={
        "table": props.string("Table Name", "The name of the new table, e.g. `customers`."),
        "columns": props.object_list(
            "Columns",
            "The columns, in order. Each is an object with `name`, `type` (a MySQL type such as `INT`, "
            "`VARCHAR(255)`, `DECIMAL(10,2)`, `DATETIME`, `JSON`), and optionally `nullable` (default true, false "
            "for primary key columns), `default` (a value, or CURRENT_TIMESTAMP), `autoIncrement`, `unique` "
            "and `comment`.",
        ),
        "primaryKey": props.string_list(
            "Primary Key",
            "The primary key column(s), e.g. `[\"id\"]`. Defaults to the AUTO_INCREMENT column, if any.",
            optional=True,
        ),
        "ifNotExists": props.boolean(
            "If Not Exists",
            "When true (the default), an existing table with this name is left as it is and reported; when false, "
            "that is an error.",
            optional=True,
            default=True,
        ),
    },
    open_world=False,
)
async def create_table(ctx):
    name = ctx.props.table
    if not isinstance(name, str) or not name.strip():
        raise ActionError("table: give the new table's name, e.g. `customers`")
    columns = ctx.props.columns or []
    if not columns:
        raise ActionError("columns is empty: give at least one column, e.g. [{\"name\": \"id\", \"type\": \"INT\"}]")
    primary_key = list(ctx.props.get("primaryKey") or [])
    if not primary_key:
        primary_key = [c["name"] for c in columns if isinstance(c, dict) and c.get("autoIncrement")][:1]
    names = [c.get("name") for c in columns if isinstance(c, dict)]
    missing = [k for k in primary_key if k not in names]
    if missing:
        raise ActionError(f"primaryKey names column(s) that are not in columns: {', '.join(missing)}")
    definitions: list[str] = []
    params: list = []
    for column in columns:
        definition, values = column_definition(column, column.get("name") in primary_key if isinstance(column, dict) else False)
        definitions.append(definition)
        params.extend(values)
    if primary_key:
        definitions.append(f"PRIMARY KEY ({', '.join(quote_ident(k) for k in primary_key)})")
    if_not_exists = ctx.props.get("ifNotExists", True) is not False
    async with connect(ctx) as session:
        database = await current_database(session)
        exists = await session.fetch_all(
            "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", [database, name]
        )
        if not (exists and if_not_exists):
            await session.execute(
                f"CREATE TABLE {quote_ident(database)}.{quote_ident(name)} (\n  " + ",\n  ".join(definitions) + "\n)",
                params,
            )
        table = await describe_table(session, database, name, database)
    created = not exists
    ctx.summary = f"Created table {name}" if created else f"Table {name} already exists; nothing changed"
    return {"table": name, "created": created, "columns": [c.to_json() for c in table.columns]}
