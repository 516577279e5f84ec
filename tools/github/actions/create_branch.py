import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, full_name_of, get_json, ref_path, repo_path, request

_SHA = re.compile(r"^[0-9a-f]{40}$")


def _created(ref):
    return {
        "ref": ref.get("ref"),
        "branch": (ref.get("ref") or "").removeprefix("refs/heads/"),
        "sha": (ref.get("object") or {}).get("sha"),
        "url": ref.get("url"),
    }


@app.action(
    "create-branch",
    title="Create Branch",
    description=(
        "Create a new branch in a GitHub repository, starting at another branch, a tag or a commit (the default "
        "branch when left empty). Commit to it with Create or Update File Contents, then propose it with Create "
        "Pull Request. GitHub answers 422 when a branch of that name exists. Returns the new branch's name and "
        "the commit SHA it points at."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "branch": props.string("New Branch", "The name of the branch to create, e.g. `feature/login`."),
        "from": app.definition(
            "branch", label="Start From",
            description="The branch (e.g. `main`), tag or full commit SHA the new branch starts at. Leave empty "
            "for the repository's default branch.",
        ),
    },
    trim=_created,
)
async def create_branch(ctx):
    repo = repo_path(ctx.props.repoFullname)
    name = str(ctx.props.branch).strip().removeprefix("refs/heads/")
    if not name or name.startswith("-") or ".." in name or " " in name:
        raise ActionError(f"branch {ctx.props.branch!r} is not a valid branch name; use something like `feature/login`")
    start = str(ctx.props.get("from") or "").strip()
    if _SHA.match(start):
        sha = start
    else:
        if not start:
            start = (await get_json(ctx, repo))["default_branch"]
        sha = (await get_json(ctx, f"{repo}/commits/{ref_path(start)}"))["sha"]
    ref = (await request(ctx, "POST", f"{repo}/git/refs", json={"ref": f"refs/heads/{name}", "sha": sha})).json()
    ctx.summary = f"Created branch {name} in {full_name_of(ctx.props.repoFullname)} at {sha[:7]}"
    return ref
