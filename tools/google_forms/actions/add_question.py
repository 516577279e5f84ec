from mcp_gateway.catalog import ActionError, props

from ..app import api, app, batch_update, form_path

CHOICE_TYPES = {"MULTIPLE_CHOICE": "RADIO", "CHECKBOXES": "CHECKBOX", "DROPDOWN": "DROP_DOWN"}
TYPES = ["SHORT_ANSWER", "PARAGRAPH", *CHOICE_TYPES, "SCALE", "DATE"]


def _question(ctx):
    kind = ctx.props.type
    options = [str(o) for o in ctx.props.get("options") or [] if str(o).strip()]
    if kind in CHOICE_TYPES:
        if not options:
            raise ActionError(f"a {kind} question needs its choices in options, e.g. [\"Yes\", \"No\"]")
        return {"choiceQuestion": {"type": CHOICE_TYPES[kind], "options": [{"value": o} for o in options]}}
    if options:
        raise ActionError(f"options are for MULTIPLE_CHOICE, CHECKBOXES and DROPDOWN questions, not {kind}")
    if kind in ("SHORT_ANSWER", "PARAGRAPH"):
        return {"textQuestion": {"paragraph": kind == "PARAGRAPH"}}
    if kind == "SCALE":
        low, high = ctx.props.get("scaleLow"), ctx.props.get("scaleHigh")
        low, high = 1 if low is None else low, 5 if high is None else high
        return {"scaleQuestion": {"low": low, "high": high}}
    return {"dateQuestion": {"includeYear": True}}


@app.action(
    "add-question",
    title="Add Question",
    description=(
        "Add a question to a Google Form: short answer, paragraph, multiple choice, checkboxes, dropdown, a linear "
        "scale or a date, at the end of the form or at a position. To change the form's title or description use "
        "google_forms-update-form-info. Returns the new item's and question's IDs."
    ),
    props={
        "formId": app.definition("formId"),
        "title": props.string("Question", "The question as responders see it, e.g. `How did you hear about us?`."),
        "type": props.string(
            "Type", "`SHORT_ANSWER` (one line), `PARAGRAPH`, `MULTIPLE_CHOICE` (one choice), `CHECKBOXES` (several), "
            "`DROPDOWN`, `SCALE` (a number from low to high) or `DATE`.", options=TYPES,
        ),
        "options": props.string_list(
            "Choices", "The choices for MULTIPLE_CHOICE, CHECKBOXES and DROPDOWN, in order, e.g. `[\"Email\", \"A friend\"]`.",
            optional=True,
        ),
        "required": props.boolean("Required", "Responders must answer it.", optional=True, default=False),
        "description": props.string("Help Text", "Text shown under the question.", optional=True),
        "scaleLow": props.integer("Scale From", "For SCALE: the lowest value (default 1).", min=0, optional=True),
        "scaleHigh": props.integer("Scale To", "For SCALE: the highest value (default 5).", min=1, optional=True),
        "index": props.integer(
            "Position", "Where to put it among the form's items, from 0 for the first; leave empty for the end.", min=0, optional=True,
        ),
    },
)
async def add_question(ctx):
    question = _question(ctx)
    if ctx.props.get("required"):
        question["required"] = True
    item = {"title": ctx.props.title, "questionItem": {"question": question}}
    if ctx.props.get("description"):
        item["description"] = ctx.props.description
    index = ctx.props.get("index")
    if index is None:
        # Google needs a position; the end is the number of items the form has.
        current = await api(ctx, "GET", form_path(ctx.props.formId), params={"fields": "items(itemId)"})
        index = len(current.get("items") or [])
    answer = await batch_update(ctx, ctx.props.formId, [{"createItem": {"item": item, "location": {"index": index}}}])
    created = (answer.get("replies") or [{}])[0].get("createItem") or {}
    ctx.summary = f"Added the question {ctx.props.title!r} at position {index}"
    return {"item_id": created.get("itemId"), "question_id": (created.get("questionId") or [None])[0], "index": index,
            "revision_id": (answer.get("writeControl") or {}).get("requiredRevisionId")}
