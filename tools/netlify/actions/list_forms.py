from mcp_gateway.catalog import within

from ..app import api, app, form_summary, seg


@app.action(
    "list-forms",
    title="List Forms",
    description=(
        "List the forms Netlify detected on a site, with their IDs, field names and submission counts. Read a form's "
        "entries with netlify-list-form-submissions."
    ),
    props={"siteId": app.definition("siteId")},
    read_only=True,
    trim=within("forms", form_summary),
)
async def list_forms(ctx):
    forms = await api(ctx, "GET", f"/sites/{seg(ctx.props.siteId)}/forms")
    ctx.summary = f"Listed {len(forms)} form{'s' if len(forms) != 1 else ''}"
    return {"forms": forms}
