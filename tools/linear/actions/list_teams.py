from ..app import app, gql, nodes

_TEAMS = "query Teams { teams(first: 250) { nodes { id key name description private } } }"


@app.action(
    "list-teams",
    title="List Teams",
    description=(
        "List the Linear teams the connected user can access, with each team's ID, key (the prefix of its issue "
        "identifiers, e.g. `ENG`) and name."
    ),
    props={},
    read_only=True,
)
async def list_teams(ctx):
    teams = nodes((await gql(ctx, _TEAMS))["teams"])
    ctx.summary = f"Listed {len(teams)} Linear team{'s' if len(teams) != 1 else ''}"
    return [{k: t.get(k) for k in ("id", "key", "name", "description", "private")} for t in teams]
