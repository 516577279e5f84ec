"""What the Google apps (Gmail, Calendar, Drive) share: reading Google's error bodies.

Google answers `{"error": {"code", "message", "errors": [{"reason"}], "details": [{"reason"}]}}`,
and reports rate limits as 403s with a reason as often as with 429.
"""

from urllib.parse import quote

from mcp_gateway.catalog import OAuth, UpstreamError, retry_after_seconds

RATE_LIMIT_REASONS = frozenset({
    "rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded", "dailyLimitExceeded", "RATE_LIMIT_EXCEEDED",
    "sharingRateLimitExceeded",
})
SCOPE_REASONS = frozenset({"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"})


def google_oauth(scopes):
    """Google sign-in for a Google API: PKCE, and a refresh token every time (`access_type=offline`
    with `prompt=consent`, since Google sends one only on a consent)."""
    return OAuth(
        authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=scopes,
        pkce=True,
        extra_authorize_params={"access_type": "offline", "prompt": "consent"},
    )


def google_error(method, response, *, service, not_found, hints, forbidden, scope):
    """An `UpstreamError` out of a Google error answer. `hints` maps Google's reasons to what to do;
    `forbidden` and `scope` say what a plain 403 and a missing scope mean for this service."""
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    reasons = []
    if isinstance(error, dict):
        message = error.get("message") or response.reason_phrase
        reasons += [e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict)]
        reasons += [d.get("reason") for d in error.get("details") or [] if isinstance(d, dict)]
    elif isinstance(error, str):
        message = data.get("error_description") or error
    else:
        message = response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    known = next((r for r in reasons if r in hints), None)
    if status == 429 or RATE_LIMIT_REASONS.intersection(reasons):
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "wait a minute and retry"
        hint = f"rate limited by {service}; {wait}"
    elif status == 401:
        hint = f"the connected account's credentials were rejected; the user should reconnect the {service} account"
    elif SCOPE_REASONS.intersection(reasons):
        hint = scope
    elif known:
        hint = hints[known]
    elif status == 403:
        hint = forbidden
    elif status in (404, 410):
        hint = not_found
    elif status >= 500:
        hint = f"{service} had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    where = f"{method} {response.request.url.copy_with(query=None)}"
    return UpstreamError(
        f"{service} API error {status} on {where}: {message} ({hint})",
        status=status,
        retry_after=retry_after,
        body=response.text[:500],
    )


def seg(value, safe=""):
    """An ID as a URL path segment."""
    return quote(str(value).strip(), safe=safe)
