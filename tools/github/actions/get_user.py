from mcp_gateway.catalog import props

from ..app import account_name, app, get_json


def _profile(user):
    return {
        "login": user.get("login"),
        "id": user.get("id"),
        "type": user.get("type"),
        "name": user.get("name"),
        "company": user.get("company"),
        "blog": user.get("blog"),
        "location": user.get("location"),
        "email": user.get("email"),
        "bio": user.get("bio"),
        "twitter_username": user.get("twitter_username"),
        "public_repos": user.get("public_repos"),
        "followers": user.get("followers"),
        "following": user.get("following"),
        "html_url": user.get("html_url"),
        "created_at": user.get("created_at"),
    }


@app.action(
    "get-user",
    title="Get User",
    description=(
        "Read a GitHub account's public profile (name, company, location, bio, follower and repository counts), "
        "or the connected user's own when no username is given. To find accounts use Search Users. Returns the "
        "profile."
    ),
    props={
        "username": props.string(
            "Username", "The account's login, e.g. `octocat` for `https://github.com/octocat`. Leave empty for the "
            "connected user.", optional=True,
        ),
    },
    read_only=True,
    trim=_profile,
)
async def get_user(ctx):
    path = f"/users/{account_name(ctx.props.username, 'username')}" if ctx.props.get("username") else "/user"
    user = await get_json(ctx, path)
    ctx.summary = f"Retrieved {user.get('type', 'User').lower()} {user.get('login')}"
    return user
