import uuid

from mcp_gateway.catalog import props

from ..app import api, app, drive_summary


@app.action(
    "create-shared-drive",
    title="Create Shared Drive",
    description=(
        "Create a shared drive (a team drive owned by the organization, not by the user), with the user as its "
        "manager. Needs a Google Workspace account allowed to create shared drives. To make an ordinary folder, use "
        "google_drive-create-folder. Returns the new drive's ID, for driveId in google_drive-list-files."
    ),
    props={"name": props.string("Name", "The shared drive's name, e.g. `Marketing`.")},
    trim=drive_summary,
)
async def create_shared_drive(ctx):
    # The request ID makes a retried request return the drive made the first time instead of a second one.
    drive = await api(
        ctx,
        "POST",
        "/drives",
        params={"requestId": uuid.uuid4().hex, "fields": "id,name,createdTime,hidden"},
        json={"name": ctx.props.name},
    )
    ctx.summary = f"Created shared drive {drive.get('name')} ({drive.get('id')})"
    return drive
