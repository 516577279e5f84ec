"""What the Microsoft Graph apps (Teams, Excel, Outlook) share: sign-in, requests and Graph's
error bodies (`{"error": {"code", "message", "innerError": {"code"}}}`)."""

from mcp_gateway.catalog import ActionError, OAuth, UpstreamError, retry_after_seconds

GRAPH = "https://graph.microsoft.com/v1.0"


def graph_oauth(scopes):
    """Microsoft identity platform v2 sign-in for any work, school or personal account."""
    return OAuth(
        authorize_url="https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        token_url="https://login.microsoftonline.com/common/oauth2/v2.0/token",
        scopes=scopes,
        pkce=True,
    )


def _status_hint(status, retry_after, forbidden, not_found):
    if status == 401:
        return "the connected account's credentials were rejected; the user should reconnect the account"
    if status == 403:
        return forbidden
    if status == 404:
        return not_found
    if status == 429 or (status == 503 and retry_after is not None):
        return f"throttled by Microsoft Graph; retry after {retry_after:g} s" if retry_after is not None else (
            "throttled by Microsoft Graph; retry later"
        )
    if status >= 500:
        return "Microsoft Graph had a server error; retrying later may work"
    return "fix the request values named in the message"


def graph_error(app_name, method, response, *, hints, forbidden, not_found):
    """An `UpstreamError` naming Graph's error codes and message, with a hint of what to do: from
    `hints` (by lower-case code) where the code is known, else from the status."""
    status = response.status_code
    where = f"{method} {response.request.url.copy_with(query=None)}"
    body = response.text[:500] if response.content else ""
    retry_after = retry_after_seconds(response)
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        error = None
    if isinstance(error, dict):
        code = str(error.get("code") or "")
        inner = (error.get("innerError") or error.get("innererror") or {}).get("code")
        detail = error.get("message") or code or response.reason_phrase
        codes = ", ".join(c for c in (code, inner) if c)
        if codes:
            detail = f"{detail} [{codes}]"
        hint = hints.get(str(inner or "").lower()) or hints.get(code.lower())
    else:
        detail, hint = body or response.reason_phrase, None
    if status in (401, 429) or hint is None:
        hint = _status_hint(status, retry_after, forbidden, not_found)
    return UpstreamError(
        f"{app_name} API error {status} on {where}: {detail} ({hint})", status=status, retry_after=retry_after, body=body
    )


async def graph(ctx, method, path, *, error, params=None, json_body=None, headers=None, raw=False):
    """Call Microsoft Graph; returns the decoded JSON (None for an empty answer), or the response
    with `raw`. `error(method, response)` turns a failed answer into the exception to raise."""
    kw = {}
    if params:
        kw["params"] = {k: v for k, v in params.items() if v is not None}
    if json_body is not None:
        kw["json"] = json_body
    if headers:
        kw["headers"] = headers
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise error(method, response)
    if raw:
        return response
    if response.status_code in (202, 204) or not response.content:
        return None
    return response.json()


def graph_cursor(cursor):
    """A `next_cursor` is Graph's own next-page link; only such links are followed, so a cursor
    cannot send the account's token elsewhere."""
    if cursor and not cursor.startswith(f"{GRAPH}/"):
        raise ActionError("cursor must be the `next_cursor` of an earlier call, unchanged")
    return cursor
