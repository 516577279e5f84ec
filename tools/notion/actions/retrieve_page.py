from ..app import app, page_summary, title_of


@app.action(
    "retrieve-page",
    title="Retrieve Page",
    description=(
        "Get a Notion page's properties (title, database fields, parent, URL, timestamps). "
        "It does not return the page's content: for that use notion-list-block-children with the page ID. "
        "A long text, relation or people property is cut at 25 items; notion-retrieve-page-property-item "
        "reads it whole."
    ),
    props={"pageId": app.definition("pageId")},
    read_only=True,
    trim=page_summary,
)
async def retrieve_page(ctx):
    page = (await ctx.http.get(f"/pages/{ctx.props.pageId}")).json()
    ctx.summary = f"Retrieved page \"{title_of(page)}\""
    return page
