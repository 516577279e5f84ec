from mcp_gateway.catalog import props

from ..app import api, app, project_path, project_url, username


def approval_summary(state):
    return {
        "iid": state.get("iid"),
        "project_id": state.get("project_id"),
        "title": state.get("title"),
        "state": state.get("state"),
        "merge_status": state.get("merge_status"),
        "approved": state.get("approved"),
        "approvals_required": state.get("approvals_required"),
        "approvals_left": state.get("approvals_left"),
        "approved_by": [username(a.get("user")) for a in state.get("approved_by") or []],
    }


@app.action(
    "approve-merge-request",
    title="Approve Merge Request",
    description=(
        "Approve a GitLab merge request as the connected user, who must be allowed to approve it. Returns who has "
        "approved and how many approvals are still needed. GitLab refuses a second approval by the same user. To "
        "merge it, use gitlab-merge-merge-request; to leave feedback instead, gitlab-add-comment."
    ),
    props={
        "project": app.definition("project"),
        "mergeRequestIid": app.definition("mergeRequestIid"),
        "sha": props.string(
            "Expected Head SHA",
            "Approve only if the source branch's head is still this commit (the `sha` from gitlab-get-merge-request).",
            optional=True,
        ),
    },
    trim=approval_summary,
)
async def approve_merge_request(ctx):
    body = {"sha": ctx.props.sha} if ctx.props.get("sha") else {}
    path = f"{project_url(ctx.props.project)}/merge_requests/{ctx.props.mergeRequestIid}/approve"
    state = (await api(ctx, "POST", path, json=body)).json()
    ctx.summary = (
        f"Approved !{ctx.props.mergeRequestIid} in {project_path(ctx.props.project)} "
        f"({state.get('approvals_left', 0)} approval(s) still needed)"
    )
    return state
