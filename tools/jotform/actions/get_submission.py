from ..app import api, app, seg, submission_summary


@app.action(
    "get-submission",
    title="Get Submission",
    description=(
        "Read one Jotform submission by ID: when it came in, its status and every answer with its question's label. "
        "To list a form's submissions, use jotform-list-form-submissions."
    ),
    props={"formId": app.definition("formId", optional=True,
                                    description="The submission's form, only to pick the submission from a list."),
           "submissionId": app.definition("submissionId")},
    read_only=True,
    trim=submission_summary,
)
async def get_submission(ctx):
    submission = await api(ctx, "GET", f"/submission/{seg(ctx.props.submissionId)}")
    ctx.summary = f"Read the submission {submission.get('id')}"
    return submission
