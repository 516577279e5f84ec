from mcp_gateway.catalog import ActionError, props

from ..app import app, full_name_of, pull_summary, repo_path, request


@app.action(
    "create-pull-request",
    title="Create Pull Request",
    description=(
        "Open a pull request that proposes merging one branch (head) into another (base). The head branch must "
        "already hold the commits: make one with Create Branch and commit to it with Create or Update File "
        "Contents. To change an open pull request use Update Pull Request; to ask for reviews use Request "
        "Reviewers. Returns the new pull request's number, URL and branches."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "head": app.definition(
            "branch", label="Head Branch", optional=False,
            description="The branch holding the changes, e.g. `feature/login`. For a branch in a fork, write "
            "`owner:branch`, e.g. `octocat:feature/login`.",
        ),
        "base": app.definition(
            "branch", label="Base Branch", optional=False,
            description="The branch the changes should go into, e.g. `main`.",
        ),
        "title": props.string("Title", "The pull request's title: one line saying what it changes."),
        "body": props.string("Body", "The description, in GitHub Markdown. Write `Closes #12` to close an issue on merge.", optional=True),
        "draft": props.boolean("Draft", "Open it as a draft, which cannot be merged until marked ready.", default=False),
        "maintainerCanModify": props.boolean(
            "Maintainers Can Modify", "Let the base repository's maintainers push to the head branch (for forks).",
            optional=True,
        ),
    },
    trim=pull_summary,
)
async def create_pull_request(ctx):
    if str(ctx.props.head).strip() == str(ctx.props.base).strip():
        raise ActionError("head and base are the same branch; a pull request needs the branch with the changes as head")
    body = {"title": ctx.props.title, "head": ctx.props.head, "base": ctx.props.base}
    if ctx.props.get("body"):
        body["body"] = ctx.props.body
    if ctx.props.get("draft"):
        body["draft"] = True
    if ctx.props.get("maintainerCanModify") is not None:
        body["maintainer_can_modify"] = ctx.props.maintainerCanModify
    pull = (await request(ctx, "POST", f"{repo_path(ctx.props.repoFullname)}/pulls", json=body)).json()
    ctx.summary = f"Opened pull request #{pull['number']} in {full_name_of(ctx.props.repoFullname)} ({ctx.props.head} into {ctx.props.base})"
    return pull
