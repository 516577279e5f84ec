from mcp_gateway.catalog import ActionError, props

from ..app import API_VERSION, app, request

_METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE"}


def composite_summary(answer):
    return {
        "results": [
            {"referenceId": r.get("referenceId"), "httpStatusCode": r.get("httpStatusCode"), "body": r.get("body")}
            for r in answer.get("compositeResponse") or []
        ]
    }


@app.action(
    "composite-request",
    title="Composite Request",
    description=(
        "Run up to 25 REST requests in one call, in order, where later ones can use the results of earlier ones "
        "through `@{referenceId.field}`, e.g. create an account and then a contact with "
        "`\"AccountId\": \"@{newAccount.id}\"`. With allOrNone, a failure rolls every change back. Returns each "
        "subrequest's status and body. For a single record the create, update and query tools are simpler."
    ),
    props={
        "compositeRequest": props.object_list(
            "Subrequests",
            "The requests, each `{\"method\", \"url\", \"referenceId\", \"body\"}`: method GET, POST, PATCH, PUT or "
            "DELETE; url below the API version such as `sobjects/Account` or `query?q=SELECT+Id+FROM+Account` (a full "
            f"`/services/data/v{API_VERSION}/...` path works too); a referenceId of letters, digits and underscores; "
            "body the JSON to send. E.g. `[{\"method\": \"POST\", \"url\": \"sobjects/Account\", \"referenceId\": "
            "\"newAccount\", \"body\": {\"Name\": \"Acme\"}}, {\"method\": \"POST\", \"url\": \"sobjects/Contact\", "
            "\"referenceId\": \"newContact\", \"body\": {\"LastName\": \"Lovelace\", \"AccountId\": \"@{newAccount.id}\"}}]`.",
        ),
        "allOrNone": props.boolean(
            "All or None", "`true` undoes every subrequest when one fails; `false` (the default) keeps the ones that worked.",
            default=False,
        ),
    },
    destructive=True,
    trim=composite_summary,
)
async def composite_request(ctx):
    subrequests = list(ctx.props.compositeRequest or [])
    if not subrequests or len(subrequests) > 25:
        raise ActionError("compositeRequest needs between 1 and 25 subrequests")
    sent = []
    for i, sub in enumerate(subrequests):
        method = str(sub.get("method") or "").upper()
        url = str(sub.get("url") or "").strip()
        reference = str(sub.get("referenceId") or "").strip()
        if method not in _METHODS or not url or not reference:
            raise ActionError(
                f"subrequest {i + 1} needs a method (GET, POST, PATCH, PUT, DELETE), a url and a referenceId"
            )
        if not url.startswith("/services/"):
            url = f"/services/data/v{API_VERSION}/{url.lstrip('/')}"
        item = {"method": method, "url": url, "referenceId": reference}
        if sub.get("body") is not None:
            item["body"] = sub["body"]
        sent.append(item)
    answer = await request(ctx, "POST", "composite", json={"allOrNone": bool(ctx.props.allOrNone), "compositeRequest": sent})
    results = answer.get("compositeResponse") or []
    failed = [r.get("referenceId") for r in results if int(r.get("httpStatusCode") or 0) >= 400]
    ctx.summary = f"Ran {len(results)} subrequests" + (f"; failed: {', '.join(map(str, failed))}" if failed else "")
    return answer
