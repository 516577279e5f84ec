from ..app import api, app, form_path, response_summary, seg


@app.action(
    "get-response",
    title="Get Response",
    description=(
        "Read one response to a Google Form by its ID: when it was sent, by whom (when the form collects emails), its "
        "score for a quiz, and its answers keyed by question ID (see google_forms-get-form for the questions). "
        "To read many, use google_forms-list-responses."
    ),
    props={"formId": app.definition("formId"), "responseId": app.definition("responseId")},
    read_only=True,
    trim=response_summary,
)
async def get_response(ctx):
    response = await api(ctx, "GET", f"{form_path(ctx.props.formId)}/responses/{seg(ctx.props.responseId)}")
    ctx.summary = f"Read the response {response.get('responseId')} sent {response.get('lastSubmittedTime')}"
    return response
