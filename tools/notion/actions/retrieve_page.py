from ..app import app, title_of


@app.action(
    "retrieve-page",
    title="Retrieve Page",
    description=(
        "Get a Notion page's properties (title, database fields, parent, URL, timestamps). "
        "It does not return the page's content blocks."
    ),
    props={"pageId": app.definition("pageId")},
    read_only=True,
)
async def retrieve_page(ctx):
    page = (await ctx.http.get(f"/pages/{ctx.props.pageId}")).json()
    ctx.summary = f"Retrieved page \"{title_of(page)}\""
    return page
