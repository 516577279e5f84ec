from mcp_gateway.catalog import ActionError, props

from ..app import app, gql

_LINK = """
mutation AttachmentLinkURL($issueId: String!, $url: String!, $title: String) {
  attachmentLinkURL(issueId: $issueId, url: $url, title: $title) {
    success
    attachment { id title subtitle url sourceType createdAt issue { identifier } }
  }
}
"""


def _attachment(attachment):
    return {
        "id": attachment.get("id"),
        "title": attachment.get("title"),
        "url": attachment.get("url"),
        "source_type": attachment.get("sourceType"),
        "issue": (attachment.get("issue") or {}).get("identifier"),
        "created_at": attachment.get("createdAt"),
    }


@app.action(
    "attach-link",
    title="Attach Link to Issue",
    description=(
        "Link a URL to a Linear issue as an attachment (a pull request, a design, a support ticket, a doc). "
        "Where the workspace has an integration for the URL (GitHub, Slack, Zendesk...), Linear makes a rich "
        "attachment. To mention a link in the conversation instead, use linear-create-comment."
    ),
    props={
        "issueId": app.definition("issueId"),
        "url": props.string("URL", "The link to attach, starting with `https://`, e.g. `https://github.com/acme/app/pull/42`."),
        "title": props.string("Title", "The attachment's title. Defaults to one Linear derives from the URL.", optional=True),
    },
    idempotent=True,
    trim=_attachment,
)
async def attach_link(ctx):
    url = str(ctx.props.url).strip()
    if not url.startswith(("http://", "https://")):
        raise ActionError(f"url {url!r} must start with http:// or https://")
    variables = {"issueId": str(ctx.props.issueId).strip(), "url": url, "title": ctx.props.get("title")}
    attachment = (await gql(ctx, _LINK, variables))["attachmentLinkURL"]["attachment"]
    ctx.summary = f"Attached {url} to Linear issue {(attachment.get('issue') or {}).get('identifier') or variables['issueId']}"
    return attachment
