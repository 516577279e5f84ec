from mcp_gateway.catalog import props, within

from ..app import app, next_after, plural, request

FORM_TYPES = ["hubspot", "captured", "flow", "blog_comment", "all"]


def form_summary(form):
    fields = [f for group in form.get("fieldGroups") or [] for f in group.get("fields") or []]
    return {
        "id": form.get("id"),
        "name": form.get("name"),
        "formType": form.get("formType"),
        "fields": [{"name": f.get("name"), "label": f.get("label"), "fieldType": f.get("fieldType"),
                    "required": bool(f.get("required"))} for f in fields],
        "createdAt": form.get("createdAt"),
        "updatedAt": form.get("updatedAt"),
        **({"archived": True} if form.get("archived") else {}),
    }


@app.action(
    "list-forms",
    title="List Forms",
    description=(
        "List the HubSpot account's marketing forms with their IDs, types and fields (the contact properties each "
        "form fills). Returns a page and a cursor for more. For marketing emails use List Marketing Emails."
    ),
    props={
        "formTypes": props.string_list(
            "Form Types", "Which kinds: `hubspot` (the default), `captured`, `flow`, `blog_comment` or `all`.", optional=True,
        ),
        "limit": props.limit("forms"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("forms", form_summary),
)
async def list_forms(ctx):
    params = {"limit": ctx.props.limit, "archived": "false"}
    if ctx.props.get("formTypes"):
        params["formTypes"] = [str(t) for t in ctx.props.formTypes]
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await request(ctx, "GET", "/marketing/v3/forms", params=params)
    forms = data.get("results") or []
    following = next_after(data)
    ctx.summary = f"Listed {plural(len(forms), 'form')}" + (" (more available)" if following else "")
    return {"forms": forms, "next_cursor": following}
