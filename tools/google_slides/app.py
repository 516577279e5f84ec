import re

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _google

SERVICE = "Google Slides"
API = "https://slides.googleapis.com/v1"
# Finding and copying presentations goes through Drive.
DRIVE = "https://www.googleapis.com/drive/v3"
PRESENTATION_MIME = "application/vnd.google-apps.presentation"

SCOPES = [
    # Read and edit the user's presentations.
    "https://www.googleapis.com/auth/presentations",
    # List presentations to choose from and read templates.
    "https://www.googleapis.com/auth/drive.readonly",
    # Own the copies made from a template.
    "https://www.googleapis.com/auth/drive.file",
]


async def _account_test(ctx):
    """The Drive user (`about.get`): Slides itself says nothing of who the account is."""
    about = await api(ctx, "GET", f"{DRIVE}/about", params={"fields": "user(displayName,emailAddress,permissionId)"})
    user = about.get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_slides",
    "Google Slides",
    "Read and build the connected user's Google Slides presentations: read their slides' text, create decks (also "
    "from a template with placeholders), add slides, write text, replace text, add images and render slide thumbnails.",
    auth=_google.google_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["slides.googleapis.com", "www.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = (
    "no presentation, slide or shape has that ID for this account; find the presentation's slides and shapes with "
    "google_slides-get-presentation"
)
_HINTS = {
    "invalid": "some values are not what Google Slides expects; see the message",
    "badRequest": "some values are not what Google Slides expects (a shape without text, an index past its end, "
    "an image URL Google cannot fetch?); see the message",
}


async def api(ctx, method, path, **kw):
    """A Slides (or Drive) call's JSON answer; errors say what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _google.google_error(
            method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
            forbidden="the user may view but not edit this presentation, or may not open it at all",
            scope="the connection was not granted Google Slides access; reconnect Google Slides and approve it",
        )
    return response.json() if response.content else {}


def seg(value):
    return _google.seg(value)


_URL_ID = re.compile(r"/presentation/d/([A-Za-z0-9_-]+)")


def presentation_id(value):
    """A presentation ID, also taken from a docs.google.com/presentation URL."""
    text = str(value or "").strip()
    found = _URL_ID.search(text)
    if found:
        return found.group(1)
    if not re.fullmatch(r"[A-Za-z0-9_-]{10,}", text):
        raise ActionError(
            f"presentation {value!r} is neither a presentation ID nor a docs.google.com/presentation/d/... link"
        )
    return text


def url_of(presentation):
    return f"https://docs.google.com/presentation/d/{presentation}/edit"


async def batch_update(ctx, presentation, requests):
    return await api(ctx, "POST", f"/presentations/{seg(presentation)}:batchUpdate", json={"requests": requests})


def text_of(shape):
    return "".join((e.get("textRun") or {}).get("content", "") for e in (shape.get("text") or {}).get("textElements") or [])


def slide_summary(slide, index):
    elements = []
    for element in slide.get("pageElements") or []:
        shape = element.get("shape")
        if shape is not None:
            elements.append({
                "object_id": element.get("objectId"),
                "kind": "shape",
                "placeholder": (shape.get("placeholder") or {}).get("type"),
                "text": text_of(shape),
            })
        else:
            kind = next((k for k in ("image", "table", "video", "line", "sheetsChart", "elementGroup", "wordArt") if k in element), None)
            elements.append({"object_id": element.get("objectId"), "kind": kind})
    return {
        "object_id": slide.get("objectId"),
        "index": index,
        "layout_id": (slide.get("slideProperties") or {}).get("layoutObjectId"),
        "elements": elements,
    }


def presentation_summary(presentation):
    return {
        "presentation_id": presentation.get("presentationId"),
        "title": presentation.get("title"),
        "url": url_of(presentation.get("presentationId")),
        "revision_id": presentation.get("revisionId"),
        "slides": [slide_summary(s, i) for i, s in enumerate(presentation.get("slides") or [])],
        "layouts": [{"object_id": layout.get("objectId"), "name": (layout.get("layoutProperties") or {}).get("displayName")}
                    for layout in presentation.get("layouts") or []],
    }


def edit_result(presentation, answer):
    return {
        "presentation_id": answer.get("presentationId") or presentation,
        "revision_id": (answer.get("writeControl") or {}).get("requiredRevisionId"),
        "url": url_of(answer.get("presentationId") or presentation),
    }


async def _presentation_options(ctx):
    params = {"q": f"mimeType='{PRESENTATION_MIME}' and trashed=false", "orderBy": "modifiedTime desc", "pageSize": 100,
              "fields": "nextPageToken,files(id,name)"}
    if ctx.prev_context.get("pageToken"):
        params["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", f"{DRIVE}/files", params=params)
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=f["name"], value=f["id"]) for f in page.get("files") or []],
                       context={"pageToken": token} if token else None)


async def _slides_of(ctx):
    if not ctx.props.get("presentationId"):
        raise ActionError("choose the presentation (presentationId) first; its slides are the choices")
    presentation = await api(ctx, "GET", f"/presentations/{seg(presentation_id(ctx.props.presentationId))}",
                             params={"fields": "slides(objectId,pageElements(objectId,shape(placeholder(type),text(textElements(textRun(content))))))"})
    return presentation.get("slides") or []


async def _slide_options(ctx):
    slides = await _slides_of(ctx)
    options = []
    for i, slide in enumerate(slides):
        texts = [text_of(e["shape"]).strip() for e in slide.get("pageElements") or [] if e.get("shape")]
        first = next((t for t in texts if t), "")
        options.append(Option(label=f"Slide {i + 1}" + (f": {first[:60]}" if first else ""), value=slide["objectId"]))
    return options


async def _shape_options(ctx):
    slides = await _slides_of(ctx)
    wanted = ctx.props.get("pageObjectId")
    options = []
    for i, slide in enumerate(slides):
        if wanted and slide.get("objectId") != wanted:
            continue
        for element in slide.get("pageElements") or []:
            shape = element.get("shape")
            if shape is None:
                continue
            kind = (shape.get("placeholder") or {}).get("type") or "shape"
            text = text_of(shape).strip()
            label = f"Slide {i + 1} {kind.lower()}" + (f": {text[:50]}" if text else " (empty)")
            options.append(Option(label=label, value=element["objectId"]))
    return options


app.define(
    "presentationId",
    props.string(
        "Presentation",
        "The presentation's ID, the part after `/presentation/d/` in its URL (the whole URL works too), or the "
        "`presentation_id` from google_slides-create-presentation.",
        options=_presentation_options,
    ),
)

app.define(
    "pageObjectId",
    props.string(
        "Slide",
        "The slide's object ID, from google_slides-get-presentation (`slides[].object_id`, e.g. `p` or `g1f2e3d4c5_0_0`) "
        "or the `slide_id` from google_slides-add-slide.",
        options=_slide_options,
    ),
)

app.define(
    "shapeId",
    props.string(
        "Shape",
        "The object ID of a shape or text box holding text, from google_slides-get-presentation "
        "(`slides[].elements[].object_id` of a `shape`), e.g. the slide's title placeholder.",
        options=_shape_options,
    ),
)
