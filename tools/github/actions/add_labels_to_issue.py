from mcp_gateway.catalog import each

from ..app import app, full_name_of, repo_path, request


def label_summary(label):
    return {"name": label.get("name"), "color": label.get("color"), "description": label.get("description")}


@app.action(
    "add-labels-to-issue",
    title="Add Labels to Issue",
    description=(
        "Add labels to an issue or pull request, keeping the labels it already has. Labels that do not exist "
        "in the repository yet are created. To remove one use Remove Label from Issue; to replace the whole set "
        "use Update Issue. Returns all the labels the issue now has."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
        "labels": app.definition(
            "labels", optional=False,
            description="Names of the labels to add, e.g. `[\"bug\", \"help wanted\"]`. Needs push access.",
        ),
    },
    idempotent=True,
    trim=each(label_summary),
)
async def add_labels_to_issue(ctx):
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}/labels"
    labels = (await request(ctx, "POST", path, json={"labels": list(ctx.props.labels)})).json()
    ctx.summary = f"Added {', '.join(ctx.props.labels)} to #{ctx.props.issueNumber} in {full_name_of(ctx.props.repoFullname)}"
    return labels
