from ..app import api, app


@app.action(
    "get-profile",
    title="Get Mailbox Profile",
    description=(
        "Read the connected Gmail account's address and mailbox totals (messages and threads), e.g. to learn which "
        "address the emails are sent from. For unread counts of a folder, use gmail-list-labels or gmail-find-email "
        "with `is:unread`."
    ),
    props={},
    read_only=True,
)
async def get_profile(ctx):
    profile = await api(ctx, "GET", "/profile")
    ctx.summary = f"{profile.get('emailAddress')}: {profile.get('messagesTotal')} emails in {profile.get('threadsTotal')} conversations"
    return profile
