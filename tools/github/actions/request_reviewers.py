from mcp_gateway.catalog import ActionError, props

from ..app import app, collaborator_options, full_name_of, pull_summary, repo_path, request


@app.action(
    "request-reviewers",
    title="Request Reviewers",
    description=(
        "Ask people or teams to review a pull request; GitHub notifies them. Reviewers already requested stay "
        "requested. To review it yourself use Create Pull Request Review. Returns the pull request with its "
        "`requested_reviewers`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "reviewers": props.string_list(
            "Reviewers", "Logins of the people to ask, e.g. `[\"octocat\"]`; they need access to the repository "
            "and cannot be the pull request's author. The choices are the repository's collaborators.",
            options=collaborator_options, optional=True,
        ),
        "teamReviewers": props.string_list(
            "Team Reviewers", "Slugs of organization teams to ask, e.g. `[\"justice-league\"]` (the last part of "
            "`https://github.com/orgs/github/teams/justice-league`).", optional=True,
        ),
    },
    idempotent=True,
    trim=pull_summary,
)
async def request_reviewers(ctx):
    body = {}
    if ctx.props.get("reviewers"):
        body["reviewers"] = list(ctx.props.reviewers)
    if ctx.props.get("teamReviewers"):
        body["team_reviewers"] = list(ctx.props.teamReviewers)
    if not body:
        raise ActionError("give at least one login in reviewers or one team slug in teamReviewers")
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}/requested_reviewers"
    pull = (await request(ctx, "POST", path, json=body)).json()
    asked = [*body.get("reviewers", []), *body.get("team_reviewers", [])]
    ctx.summary = f"Requested reviews from {', '.join(asked)} on pull request #{ctx.props.pullNumber} in {full_name_of(ctx.props.repoFullname)}"
    return pull
