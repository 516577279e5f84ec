from ..app import api, app, seg


def _question(question):
    return {key: question.get(key) for key in ("qid", "name", "text", "type", "order", "required", "options", "sublabels")
            if question.get(key) not in (None, "")}


def _questions(payload):
    return {"questions": [_question(q) for q in payload["questions"]]}


@app.action(
    "list-form-questions",
    title="List Form Questions",
    description=(
        "List the questions of a Jotform form in form order: each question's `qid`, field name, label, type "
        "(`control_textbox`, `control_fullname`...) and whether it is required. Read this before "
        "jotform-create-submission, whose answers are keyed by `qid`."
    ),
    props={"formId": app.definition("formId")},
    read_only=True,
    trim=_questions,
)
async def list_form_questions(ctx):
    found = await api(ctx, "GET", f"/form/{seg(ctx.props.formId)}/questions") or {}
    questions = sorted(found.values(), key=lambda q: int(q.get("order") or 0))
    ctx.summary = f"Listed {len(questions)} question{'s' if len(questions) != 1 else ''}"
    return {"questions": questions}
