from ..app import app, title_of


@app.action(
    "retrieve-database",
    title="Retrieve Database",
    description=(
        "Get a Notion database's title and property schema: each property's name, type and, for select "
        "and status properties, the allowed options. Use it before adding or filtering items."
    ),
    props={"databaseId": app.definition("databaseId")},
    read_only=True,
)
async def retrieve_database(ctx):
    database = (await ctx.http.get(f"/databases/{ctx.props.databaseId}")).json()
    count = len(database.get("properties") or {})
    ctx.summary = f"Retrieved database \"{title_of(database)}\" with {count} propert{'ies' if count != 1 else 'y'}"
    return database
