import re

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _google

SERVICE = "Google Forms"
API = "https://forms.googleapis.com/v1"
# Listing the user's forms to choose from goes through Drive.
DRIVE = "https://www.googleapis.com/drive/v3"
FORM_MIME = "application/vnd.google-apps.form"

SCOPES = [
    # Read and edit the user's forms.
    "https://www.googleapis.com/auth/forms.body",
    # Read the answers people sent.
    "https://www.googleapis.com/auth/forms.responses.readonly",
    # List the user's forms by name.
    "https://www.googleapis.com/auth/drive.metadata.readonly",
]

# Responses come at most 5000 a page; asking for fewer keeps each page small.
MAX_PAGE = 100


async def _account_test(ctx):
    """The Drive user (`about.get`): Forms itself says nothing of who the account is."""
    about = await api(ctx, "GET", f"{DRIVE}/about", params={"fields": "user(displayName,emailAddress,permissionId)"})
    user = about.get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_forms",
    "Google Forms",
    "Build the connected user's Google Forms and read what people answered: read a form's questions, create forms, "
    "add questions, change the title and description, and list or read responses.",
    auth=_google.google_oauth(SCOPES),
    categories=["Forms & Surveys", "Productivity"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["forms.googleapis.com", "www.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = (
    "no form or response has that ID for this account; the form ID is in the form's edit URL "
    "(docs.google.com/forms/d/<id>/edit), and response IDs come from google_forms-list-responses"
)
_HINTS = {
    "invalid": "some values are not what Google Forms expects; see the message",
    "badRequest": "some values are not what Google Forms expects (an item index past the end of the form?); see the message",
}


async def api(ctx, method, path, **kw):
    """A Forms (or Drive) call's JSON answer; errors say what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _google.google_error(
            method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
            forbidden="the user cannot edit this form or see its responses; its owner must add them as an editor",
            scope="the connection was not granted Google Forms access; reconnect Google Forms and approve it",
        )
    return response.json() if response.content else {}


def seg(value):
    return _google.seg(value)


_URL_ID = re.compile(r"/forms/d/(?!e/)([A-Za-z0-9_-]+)")


def form_id(value):
    """A form ID, also taken from the form's edit URL. The responder link (`/forms/d/e/...`) holds
    another ID that the API does not take."""
    text = str(value or "").strip()
    if "/forms/d/e/" in text:
        raise ActionError("that is the form's responder link; give the edit link (docs.google.com/forms/d/<id>/edit) or the form ID")
    found = _URL_ID.search(text)
    if found:
        return found.group(1)
    if not re.fullmatch(r"[A-Za-z0-9_-]{10,}", text):
        raise ActionError(f"form {value!r} is neither a form ID nor a docs.google.com/forms/d/.../edit link")
    return text


def form_path(form):
    return f"/forms/{seg(form_id(form))}"


async def batch_update(ctx, form, requests, *, include_form=False):
    body = {"requests": requests}
    if include_form:
        body["includeFormInResponse"] = True
    return await api(ctx, "POST", f"{form_path(form)}:batchUpdate", json=body)


def _question_kind(question):
    if "choiceQuestion" in question:
        return {"RADIO": "MULTIPLE_CHOICE", "CHECKBOX": "CHECKBOXES", "DROP_DOWN": "DROPDOWN"}.get(
            question["choiceQuestion"].get("type"), "CHOICE")
    if "textQuestion" in question:
        return "PARAGRAPH" if question["textQuestion"].get("paragraph") else "SHORT_ANSWER"
    for key, kind in (("scaleQuestion", "SCALE"), ("dateQuestion", "DATE"), ("timeQuestion", "TIME"),
                      ("fileUploadQuestion", "FILE_UPLOAD")):
        if key in question:
            return kind
    return None


def item_summary(item):
    summary = {"item_id": item.get("itemId"), "title": item.get("title"), "description": item.get("description")}
    if "questionItem" in item:
        question = item["questionItem"].get("question") or {}
        summary.update(kind="QUESTION", question_id=question.get("questionId"), type=_question_kind(question),
                       required=bool(question.get("required")))
        options = (question.get("choiceQuestion") or {}).get("options")
        if options:
            summary["options"] = ["(other)" if o.get("isOther") else o.get("value") for o in options]
    elif "questionGroupItem" in item:
        group = item["questionGroupItem"]
        summary.update(kind="GRID", rows=[{"question_id": q.get("questionId"), "title": (q.get("rowQuestion") or {}).get("title")}
                                          for q in group.get("questions") or []])
    else:
        summary["kind"] = next((k.removesuffix("Item").upper() for k in ("textItem", "pageBreakItem", "imageItem", "videoItem") if k in item), None)
    return summary


def form_summary(form):
    info = form.get("info") or {}
    return {
        "form_id": form.get("formId"),
        "title": info.get("title"),
        "description": info.get("description"),
        "document_title": info.get("documentTitle"),
        "responder_uri": form.get("responderUri"),
        "edit_url": f"https://docs.google.com/forms/d/{form.get('formId')}/edit",
        "revision_id": form.get("revisionId"),
        "is_quiz": bool(((form.get("settings") or {}).get("quizSettings") or {}).get("isQuiz")),
        "linked_sheet_id": form.get("linkedSheetId"),
        "items": [item_summary(i) for i in form.get("items") or []],
    }


def response_summary(response):
    answers = {}
    for question, answer in (response.get("answers") or {}).items():
        if "textAnswers" in answer:
            value = [a.get("value") for a in answer["textAnswers"].get("answers") or []]
        elif "fileUploadAnswers" in answer:
            value = [{"file_id": a.get("fileId"), "file_name": a.get("fileName")} for a in answer["fileUploadAnswers"].get("answers") or []]
        else:
            value = []
        answers[question] = value
    return {
        "response_id": response.get("responseId"),
        "submitted": response.get("lastSubmittedTime"),
        "created": response.get("createTime"),
        "respondent_email": response.get("respondentEmail"),
        "total_score": response.get("totalScore"),
        "answers": answers,
    }


async def _form_options(ctx):
    params = {"q": f"mimeType='{FORM_MIME}' and trashed=false", "orderBy": "modifiedTime desc", "pageSize": 100,
              "fields": "nextPageToken,files(id,name)"}
    if ctx.prev_context.get("pageToken"):
        params["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", f"{DRIVE}/files", params=params)
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=f["name"], value=f["id"]) for f in page.get("files") or []],
                       context={"pageToken": token} if token else None)


async def _response_options(ctx):
    if not ctx.props.get("formId"):
        raise ActionError("choose the form (formId) first; its responses are the choices")
    query = {"pageSize": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", f"{form_path(ctx.props.formId)}/responses", params=query)
    options = [Option(label=" ".join(filter(None, [r.get("lastSubmittedTime"), r.get("respondentEmail")])) or r["responseId"],
                      value=r["responseId"]) for r in page.get("responses") or []]
    token = page.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": token} if token else None)


app.define(
    "formId",
    props.string(
        "Form",
        "The form's ID, the part after `/forms/d/` in its edit URL (the whole edit URL works too), or the `form_id` "
        "from google_forms-create-form. The responder link's `/forms/d/e/...` ID is not it.",
        options=_form_options,
    ),
)

app.define(
    "responseId",
    props.string(
        "Response",
        "The ID of one submitted response, from google_forms-list-responses (`response_id`).",
        options=_response_options,
    ),
)
