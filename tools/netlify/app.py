"""Netlify: sites, their deploys and builds, form submissions and environment variables."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.netlify.com/api/v1"

# Netlify pages lists 100 records at most.
MAX_PAGE = 100


async def _account_test(ctx):
    """The user the token belongs to (`GET /user`)."""
    user = await api(ctx, "GET", "/user")
    return Identity(name=user.get("full_name") or user.get("email"), external_id=user.get("id"))


app = App(
    "netlify",
    "Netlify",
    "Run Netlify sites: list sites and deploys, trigger builds, publish an earlier deploy or cancel one, and read form "
    "submissions and environment variables.",
    auth=OAuth(
        authorize_url="https://app.netlify.com/authorize",
        token_url="https://api.netlify.com/oauth/token",
    ),
    categories=["Developer Tools"],
    featured_weight=40,
    base_url=API,
    allowed_domains=["api.netlify.com"],
    test=_account_test,
)


# Errors: Netlify answers `{"code": n, "message": "..."}`.

def netlify_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = (data.get("message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Netlify; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401:
        hint = "Netlify rejected the token; the user should reconnect Netlify"
    elif status == 403:
        hint = "the connected user may not do this on that site or team (a team role above Reviewer may be needed)"
    elif status == 404:
        hint = ("nothing has that ID for this user; find sites with netlify-list-sites, deploys with netlify-list-deploys "
                "and forms with netlify-list-forms")
    elif status == 422:
        hint = "Netlify cannot do this in the current state (a deploy already finished, say); see the message"
    elif status >= 500:
        hint = "Netlify had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Netlify API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise netlify_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID is empty; give the `id` the list actions return")
    return quote(text, safe="")


def _has_next(response):
    return any('rel="next"' in part for part in (response.headers.get("link") or "").split(","))


def _position(cursor, limit):
    """A cursor is `page:per_page`; the next pages keep the size the first call chose."""
    if not cursor:
        return 1, limit
    try:
        page, size = (int(part) for part in cursor.split(":"))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None
    return max(1, page), max(1, min(MAX_PAGE, size))


async def page(ctx, path, *, limit, cursor, params=None):
    """One page of a Netlify list, and the cursor of the page after it."""
    number, size = _position(cursor, limit)
    response = await request(ctx, "GET", path, params={**(params or {}), "page": number, "per_page": size})
    records = response.json() if response.content else []
    return records, (f"{number + 1}:{size}" if records and _has_next(response) else None)


def _deploy_brief(deploy):
    if not isinstance(deploy, dict):
        return None
    return {"id": deploy.get("id"), "state": deploy.get("state"), "published_at": deploy.get("published_at"),
            "commit_ref": deploy.get("commit_ref")}


def site_summary(site):
    repo = site.get("build_settings") or {}
    return {
        "id": site.get("id"),
        "name": site.get("name"),
        "url": site.get("ssl_url") or site.get("url"),
        "admin_url": site.get("admin_url"),
        "custom_domain": site.get("custom_domain"),
        "state": site.get("state"),
        "account_slug": site.get("account_slug"),
        "repo_url": repo.get("repo_url"),
        "repo_branch": repo.get("repo_branch"),
        "published_deploy": _deploy_brief(site.get("published_deploy")),
        "updated_at": site.get("updated_at"),
    }


def deploy_summary(deploy):
    return {
        "id": deploy.get("id"),
        "site_id": deploy.get("site_id"),
        "state": deploy.get("state"),
        "context": deploy.get("context"),
        "branch": deploy.get("branch"),
        "commit_ref": deploy.get("commit_ref"),
        "title": deploy.get("title"),
        "error_message": deploy.get("error_message"),
        "created_at": deploy.get("created_at"),
        "published_at": deploy.get("published_at"),
        "deploy_url": deploy.get("deploy_ssl_url") or deploy.get("deploy_url"),
        "admin_url": deploy.get("admin_url"),
        "locked": deploy.get("locked"),
    }


def form_summary(form):
    return {
        "id": form.get("id"),
        "name": form.get("name"),
        "site_id": form.get("site_id"),
        "submission_count": form.get("submission_count"),
        "fields": [f.get("name") for f in form.get("fields") or [] if isinstance(f, dict)],
        "paths": form.get("paths"),
        "created_at": form.get("created_at"),
    }


def submission_summary(submission):
    return {
        "id": submission.get("id"),
        "number": submission.get("number"),
        "email": submission.get("email"),
        "name": submission.get("name"),
        "summary": submission.get("summary"),
        "data": submission.get("data"),
        "created_at": submission.get("created_at"),
    }


def env_var_summary(var):
    return {
        "key": var.get("key"),
        "scopes": var.get("scopes"),
        "values": [{"context": v.get("context"), "value": v.get("value")} for v in var.get("values") or []],
        "updated_at": var.get("updated_at"),
    }


# Remote options


async def _site_options(ctx):
    number = ctx.prev_context.get("page") or 1
    response = await request(ctx, "GET", "/sites", params={"filter": "all", "page": number, "per_page": MAX_PAGE,
                                                           **({"name": ctx.query} if ctx.query else {})})
    sites = response.json() if response.content else []
    options = [Option(label=s.get("name") or s["id"], value=s["id"]) for s in sites]
    return OptionsPage(options=options, context={"page": number + 1} if sites and _has_next(response) else None)


def _need_site(ctx):
    if not ctx.props.get("siteId"):
        raise ActionError("choose the site (siteId) first; the choices are in it")
    return ctx.props.siteId


async def _deploy_options(ctx):
    number = ctx.prev_context.get("page") or 1
    response = await request(ctx, "GET", f"/sites/{seg(_need_site(ctx))}/deploys", params={"page": number, "per_page": MAX_PAGE})
    deploys = response.json() if response.content else []
    options = [Option(label=f"{d.get('created_at')} {d.get('context') or ''} {d.get('branch') or ''} ({d.get('state')})"
                      .replace("  ", " "), value=d["id"]) for d in deploys]
    return OptionsPage(options=options, context={"page": number + 1} if deploys and _has_next(response) else None)


async def _form_options(ctx):
    forms = await api(ctx, "GET", f"/sites/{seg(_need_site(ctx))}/forms")
    return [Option(label=f.get("name") or f["id"], value=f["id"]) for f in forms or []]


app.define(
    "siteId",
    props.string(
        "Site",
        "The site's ID (a UUID such as `3970e0fe-8564-4903-9a55-c5f8de49fb8b`, shown as Site ID in the site's "
        "configuration) or its Netlify domain such as `my-site.netlify.app`, from netlify-list-sites.",
        options=_site_options,
        use_query=True,
    ),
)

app.define(
    "deployId",
    props.string(
        "Deploy",
        "A deploy's ID, e.g. `5f5b2e8a9a1b2c0007d1e2f3`, from netlify-list-deploys or the deploy's page URL "
        "(`app.netlify.com/sites/<name>/deploys/<id>`).",
        options=_deploy_options,
    ),
)

app.define(
    "formId",
    props.string(
        "Form",
        "A form's ID, from netlify-list-forms (its `id`).",
        options=_form_options,
    ),
)
