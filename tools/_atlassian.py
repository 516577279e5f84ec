"""What the Atlassian Cloud apps (Jira, Confluence) share: OAuth 2.0 (3LO) sign-in and the
choice of site.

A 3LO token can be granted on several sites, so the account itself carries no site. Every action
takes an optional `site` prop whose choices come from `accessible-resources`; when it is left empty
and the token reaches exactly one site of the product, that site is used, so single-site users
never need to pick. The lookup runs once per run and also yields the site URL used for links.
"""

import re

from mcp_gateway.catalog import ActionError, OAuth, Option

# OAuth 2.0 (3LO) requests go through Atlassian's API gateway, not the site's own domain.
API = "https://api.atlassian.com"
_ACCESSIBLE = "/oauth/token/accessible-resources"


def atlassian_oauth(scopes):
    return OAuth(
        authorize_url="https://auth.atlassian.com/authorize",
        token_url="https://auth.atlassian.com/oauth/token",
        scopes=scopes,
        # The token endpoint takes the client ID and secret in the request body (Atlassian's examples
        # send JSON; it accepts the standard form encoding used here as well).
        # `audience` is required by Atlassian; `prompt=consent` shows the site picker on every connection.
        extra_authorize_params={"audience": "api.atlassian.com", "prompt": "consent"},
    )


async def sites(ctx, product):
    """The sites of `product` ("jira", "confluence") the token can reach: `[{id, name, url, scopes}]`."""
    resources = (await ctx.http.get(_ACCESSIBLE)).json() or []
    granted = [r for r in resources if any(product in str(s) for s in r.get("scopes") or [])]
    seen, found = set(), []
    for site in granted or resources:
        if site.get("id") not in seen:
            seen.add(site.get("id"))
            found.append(site)
    return found


async def site_options(ctx, product):
    return [Option(label=f"{s.get('name')} ({s.get('url')})", value=s["id"]) for s in await sites(ctx, product)]


def _host(url):
    return re.sub(r"^https?://", "", str(url or "")).split("/wiki")[0].strip("/").lower()


async def resolve_site(ctx, product, product_name):
    """The chosen site (`{id, name, url}`), found once per run."""
    cached = getattr(ctx, "_atlassian_site", None)
    if cached:
        return cached
    found = await sites(ctx, product)
    wanted = str(ctx.props.get("site") or "").strip()
    listing = ", ".join(f"{s.get('name')} ({s.get('url')}, id {s.get('id')})" for s in found)
    if wanted:
        match = [s for s in found if wanted == s.get("id") or _host(wanted) == _host(s.get("url"))
                 or wanted.lower() == str(s.get("name")).lower()]
        if not match:
            raise ActionError(f"site {wanted!r} is not one of the {product_name} sites this account can reach: "
                              f"{listing or 'none'}")
        site = match[0]
    elif len(found) == 1:
        site = found[0]
    elif not found:
        raise ActionError(f"the connected Atlassian account has no {product_name} site granted; reconnect "
                          f"{product_name} and pick a site")
    else:
        raise ActionError(f"the account can reach several {product_name} sites; pass `site` with one of: {listing}")
    ctx._atlassian_site = site
    return site


def chosen_site(ctx):
    """The site this run resolved, or {} before it did."""
    return getattr(ctx, "_atlassian_site", None) or {}
