from ..app import api, app, seg


def _insights(data):
    form = data.get("form") or {}
    return {
        "summary": form.get("summary"),
        "platforms": form.get("platforms"),
        "fields": [{"id": f.get("id"), "ref": f.get("ref"), "title": f.get("title"), "type": f.get("type"),
                    "views": f.get("views"), "dropoffs": f.get("dropoffs")} for f in data.get("fields") or []],
    }


@app.action(
    "get-form-insights",
    title="Get Form Insights",
    description=(
        "How a typeform performs: visits, responses, completion rate and average time to finish, overall and per "
        "platform, and how many people saw and left at each question. For the answers themselves use "
        "typeform-list-responses."
    ),
    props={"formId": app.definition("formId")},
    read_only=True,
    trim=_insights,
)
async def get_form_insights(ctx):
    data = await api(ctx, "GET", f"/insights/{seg(ctx.props.formId)}/summary")
    summary = (data.get("form") or {}).get("summary") or {}
    ctx.summary = (f"{summary.get('responses_count')} responses from {summary.get('total_visits')} visits, "
                   f"completion rate {summary.get('completion_rate')}")
    return data
