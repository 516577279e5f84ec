from mcp_gateway.catalog import props

from ..app import app, full_name_of, release_summary, repo_path, request


@app.action(
    "create-release",
    title="Create Release",
    description=(
        "Publish a release of a GitHub repository for a tag, creating the tag from a branch or commit when it "
        "does not exist yet. Can be a draft or a prerelease, and GitHub can write the notes from the merged pull "
        "requests. To see existing ones use List Releases or List Tags. Returns the release's ID, tag and URL."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "tagName": props.string("Tag", "The tag of the release, e.g. `v1.2.0`."),
        "targetCommitish": app.definition(
            "branch", label="Target",
            description="The branch or commit SHA the tag is created from when it does not exist yet. Leave "
            "empty for the default branch; ignored when the tag exists.",
        ),
        "name": props.string("Name", "The release's title, e.g. `v1.2.0: Faster sync`. Leave empty to show the tag.", optional=True),
        "body": props.string("Notes", "The release notes, in GitHub Markdown.", optional=True),
        "draft": props.boolean("Draft", "Save as an unpublished draft.", default=False),
        "prerelease": props.boolean("Prerelease", "Mark it as not ready for production.", default=False),
        "generateReleaseNotes": props.boolean(
            "Generate Release Notes", "Let GitHub write the notes from the changes since the last release (after `body`, when given).",
            default=False,
        ),
    },
    trim=release_summary,
)
async def create_release(ctx):
    body = {"tag_name": ctx.props.tagName, "draft": bool(ctx.props.draft), "prerelease": bool(ctx.props.prerelease)}
    for name, field in (("targetCommitish", "target_commitish"), ("name", "name"), ("body", "body")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    if ctx.props.get("generateReleaseNotes"):
        body["generate_release_notes"] = True
    release = (await request(ctx, "POST", f"{repo_path(ctx.props.repoFullname)}/releases", json=body)).json()
    kind = "draft release" if release.get("draft") else "release"
    ctx.summary = f"Created {kind} {release.get('tag_name')} of {full_name_of(ctx.props.repoFullname)}"
    return release
