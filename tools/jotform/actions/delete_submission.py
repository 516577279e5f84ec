from ..app import api, app, seg


@app.action(
    "delete-submission",
    title="Delete Submission",
    description=(
        "Delete one Jotform submission for good (Jotform keeps no copy). Needs a Full Access API key. "
        "The submission ID comes from jotform-list-form-submissions."
    ),
    props={"formId": app.definition("formId", optional=True,
                                    description="The submission's form, only to pick the submission from a list."),
           "submissionId": app.definition("submissionId")},
    destructive=True,
    idempotent=True,
)
async def delete_submission(ctx):
    message = await api(ctx, "DELETE", f"/submission/{seg(ctx.props.submissionId)}")
    ctx.summary = str(message or f"Deleted the submission {ctx.props.submissionId}")
    return {"id": ctx.props.submissionId, "deleted": True}
