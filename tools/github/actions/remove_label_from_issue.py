from urllib.parse import quote

from mcp_gateway.catalog import each

from ..app import app, full_name_of, repo_path, request
from .add_labels_to_issue import label_summary


@app.action(
    "remove-label-from-issue",
    title="Remove Label from Issue",
    description=(
        "Take one label off an issue or pull request; the label itself stays in the repository. To add labels "
        "use Add Labels to Issue; to replace them all use Update Issue. GitHub answers 404 when the issue does "
        "not have that label. Returns the labels the issue still has."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
        "name": app.definition("labels").but(
            type="string", label="Label", optional=False,
            description="The name of the label to remove, e.g. `bug`, as Get Issue lists it.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=each(label_summary),
)
async def remove_label_from_issue(ctx):
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}/labels/{quote(ctx.props.name, safe='')}"
    labels = (await request(ctx, "DELETE", path)).json()
    ctx.summary = f"Removed {ctx.props.name} from #{ctx.props.issueNumber} in {full_name_of(ctx.props.repoFullname)}"
    return labels
