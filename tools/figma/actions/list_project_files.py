from ..app import api, app


def files_summary(data):
    return {"project": data.get("name"), "files": [
        {"key": f.get("key"), "name": f.get("name"), "last_modified": f.get("last_modified"), "thumbnail_url": f.get("thumbnail_url")}
        for f in data.get("files") or []]}


@app.action(
    "list-project-files",
    title="List Project Files",
    description=(
        "List the Figma files in one project, with their keys and last change, for figma-get-file and the other "
        "file actions. Find the project with figma-list-team-projects."
    ),
    props={
        "teamId": app.definition("teamId", optional=True, description=(
            "The team whose projects to choose from (the number after /team/ in its URL); only used for the choices.")),
        "projectId": app.definition("projectId"),
    },
    read_only=True,
    trim=files_summary,
)
async def list_project_files(ctx):
    data = await api(ctx, "GET", f"/projects/{ctx.props.projectId}/files")
    files = data.get("files") or []
    ctx.summary = f"Listed {len(files)} file{'s' if len(files) != 1 else ''} in {data.get('name')}"
    return data
