from mcp_gateway.catalog import ActionError, props

from ..app import api, app, seg


def _fields(answers):
    """Jotform takes answers form-encoded, keyed `submission[qid]` or `submission[qid][sub-field]`."""
    if not isinstance(answers, dict) or not answers:
        raise ActionError("give answers as an object keyed by question ID (`qid` from jotform-list-form-questions), "
                          "e.g. {\"3\": \"Ada\", \"4\": {\"first\": \"Ada\", \"last\": \"Lovelace\"}}")
    fields = {}
    for qid, value in answers.items():
        qid = str(qid).strip()
        if not qid.isdigit():
            raise ActionError(f"answer key {qid!r} is not a question ID; use the `qid` numbers from jotform-list-form-questions")
        if isinstance(value, dict):
            for sub, part in value.items():
                fields[f"submission[{qid}][{sub}]"] = str(part)
        elif isinstance(value, (list, tuple)):
            raise ActionError(f"the answer to question {qid} is a list; give one value, or an object of its sub-fields")
        else:
            fields[f"submission[{qid}]"] = "" if value is None else str(value)
    return fields


@app.action(
    "create-submission",
    title="Create Submission",
    description=(
        "Add a submission to a Jotform form, as if someone filled it in. Answers are keyed by question ID (`qid`) from "
        "jotform-list-form-questions; questions with parts (full name, address) take an object of their sub-fields. "
        "Returns the new submission's ID. Needs a Full Access API key."
    ),
    props={
        "formId": app.definition("formId"),
        "answers": props.obj(
            "Answers",
            "Answers by question ID, e.g. `{\"3\": \"ada@example.com\", \"4\": {\"first\": \"Ada\", \"last\": \"Lovelace\"}}`. "
            "Sub-field names are the question's, e.g. `first`/`last` for a name, `addr_line1`, `city`, `postal` for an address.",
        ),
    },
)
async def create_submission(ctx):
    created = await api(ctx, "POST", f"/form/{seg(ctx.props.formId)}/submissions", data=_fields(ctx.props.answers))
    ctx.summary = f"Added the submission {created.get('submissionID')}"
    return {"submission_id": created.get("submissionID"), "url": created.get("URL")}
