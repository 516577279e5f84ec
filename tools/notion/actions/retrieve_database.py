from ..app import app, database_summary, title_of


@app.action(
    "retrieve-database",
    title="Retrieve Database",
    description=(
        "Get a Notion database's title and property schema: each property's name, type and, for select "
        "and status properties, the allowed options. Use it before adding or filtering items; for the items "
        "themselves use notion-query-database."
    ),
    props={"databaseId": app.definition("databaseId")},
    read_only=True,
    trim=database_summary,
)
async def retrieve_database(ctx):
    database = (await ctx.http.get(f"/databases/{ctx.props.databaseId}")).json()
    count = len(database.get("properties") or {})
    ctx.summary = f"Retrieved database \"{title_of(database)}\" with {count} propert{'ies' if count != 1 else 'y'}"
    return database
