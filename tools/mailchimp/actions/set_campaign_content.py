from mcp_gateway.catalog import ActionError, props

from ..app import api, app, seg


def _content(content):
    return {"plain_text": content.get("plain_text"), "html_characters": len(content.get("html") or "")}


@app.action(
    "set-campaign-content",
    title="Set Campaign Content",
    description=(
        "Set the body of a draft Mailchimp campaign, replacing what it had: HTML written here, a web page Mailchimp "
        "imports from a URL, or a saved template with its editable sections filled in. Create the campaign first with "
        "mailchimp-create-campaign. Returns the plain-text version Mailchimp made."
    ),
    props={
        "campaignId": app.definition("campaignId"),
        "html": props.string("HTML", "The whole email as HTML. Give this, `url` or `templateId`.", optional=True),
        "plainText": props.string("Plain Text", "The plain-text version; Mailchimp makes one from the HTML when empty.",
                                  optional=True),
        "url": props.string("URL", "A public web page whose HTML becomes the email.", optional=True),
        "templateId": props.integer("Template ID", "The numeric ID of a saved template in Mailchimp.", optional=True),
        "templateSections": props.obj(
            "Template Sections", "With `templateId`: content for the template's editable sections by their `mc:edit` "
            "name, e.g. `{\"body\": \"<p>Hello</p>\"}`.", optional=True,
        ),
    },
    idempotent=True,
    destructive=True,
    trim=_content,
)
async def set_campaign_content(ctx):
    sources = [p for p in ("html", "url", "templateId") if ctx.props.get(p) not in (None, "")]
    if len(sources) > 1:
        raise ActionError(f"give one of html, url or templateId, not {' and '.join(sources)}")
    if not sources and not ctx.props.get("plainText"):
        raise ActionError("give the content: html, url, templateId or (for a plain-text campaign) plainText")
    body = {}
    if ctx.props.get("html"):
        body["html"] = ctx.props.html
    if ctx.props.get("url"):
        body["url"] = ctx.props.url.strip()
    if ctx.props.get("templateId") is not None:
        body["template"] = {"id": ctx.props.templateId}
        if ctx.props.get("templateSections"):
            body["template"]["sections"] = ctx.props.templateSections
    elif ctx.props.get("templateSections"):
        raise ActionError("templateSections needs templateId, the template they belong to")
    if ctx.props.get("plainText"):
        body["plain_text"] = ctx.props.plainText
    content = await api(ctx, "PUT", f"/campaigns/{seg(ctx.props.campaignId)}/content", json=body)
    ctx.summary = f"Set the content of campaign {ctx.props.campaignId}"
    return content
