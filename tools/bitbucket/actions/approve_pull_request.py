from ..app import api, app, repo_path


def _participant(participant):
    user = participant.get("user") or {}
    return {"user": user.get("display_name"), "role": participant.get("role"), "approved": participant.get("approved"),
            "state": participant.get("state"), "participated_on": participant.get("participated_on")}


@app.action(
    "approve-pull-request",
    title="Approve Pull Request",
    description=(
        "Approve a Bitbucket pull request as the connected user (a user cannot approve their own). Approving again "
        "changes nothing. To leave feedback instead, use bitbucket-add-pull-request-comment."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "pullRequestId": app.definition("pullRequestId"),
    },
    idempotent=True,
    trim=_participant,
)
async def approve_pull_request(ctx):
    participant = await api(ctx, "POST", repo_path(ctx.props.workspace, ctx.props.repoSlug,
                                                   f"pullrequests/{int(ctx.props.pullRequestId)}/approve"))
    ctx.summary = f"Approved pull request #{ctx.props.pullRequestId}"
    return participant
