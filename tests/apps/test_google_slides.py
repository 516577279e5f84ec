import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://slides.googleapis.com/v1"
DRIVE = "https://www.googleapis.com/drive/v3"
AUTH = {"oauth_access_token": "ya29.slides-token"}
DECK = "1EAYk18WDjIG-zp_0vLm3CsfQh_i8eXc67Jo2O9C6Vuc"


def _shape(object_id, placeholder, text):
    elements = [{"endIndex": len(text), "paragraphMarker": {"style": {}}},
                {"endIndex": len(text), "textRun": {"content": text, "style": {}}}] if text else []
    return {"objectId": object_id, "size": {"width": {"magnitude": 3000000, "unit": "EMU"}, "height": {"magnitude": 3000000, "unit": "EMU"}},
            "transform": {"scaleX": 1, "scaleY": 1, "translateX": 311700, "translateY": 744575, "unit": "EMU"},
            "shape": {"shapeType": "TEXT_BOX", "placeholder": {"type": placeholder, "parentObjectId": "p1_i0"},
                      "text": {"textElements": elements}, "shapeProperties": {}}}


def _presentation():
    return {
        "presentationId": DECK, "title": "Q3 review", "locale": "en", "revisionId": "rev-7",
        "pageSize": {"width": {"magnitude": 9144000, "unit": "EMU"}, "height": {"magnitude": 5143500, "unit": "EMU"}},
        "slides": [
            {"objectId": "p", "pageType": "SLIDE", "slideProperties": {"layoutObjectId": "p1", "masterObjectId": "m1"},
             "pageElements": [_shape("i0", "CENTERED_TITLE", "Q3 review\n"), _shape("i1", "SUBTITLE", "")]},
            {"objectId": "g2", "pageType": "SLIDE", "slideProperties": {"layoutObjectId": "p2", "masterObjectId": "m1"},
             "pageElements": [_shape("g2_i0", "TITLE", "Revenue\n"),
                              {"objectId": "img1", "image": {"contentUrl": "https://lh3.googleusercontent.com/x", "imageProperties": {}}}]},
        ],
        "layouts": [{"objectId": "p1", "pageType": "LAYOUT", "layoutProperties": {"name": "TITLE", "displayName": "Title slide", "masterObjectId": "m1"}},
                    {"objectId": "p2", "pageType": "LAYOUT", "layoutProperties": {"name": "TITLE_AND_BODY", "displayName": "Title and body", "masterObjectId": "m1"}}],
        "masters": [{"objectId": "m1", "pageType": "MASTER"}],
    }


def _batch(replies):
    return {"presentationId": DECK, "replies": replies, "writeControl": {"requiredRevisionId": "rev-8"}}


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.slides-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


EDITED = {"presentation_id": DECK, "revision_id": "rev-8", "url": f"https://docs.google.com/presentation/d/{DECK}/edit"}


async def test_get_presentation_returns_each_slides_text_unless_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/presentations/{DECK}").mock(return_value=httpx.Response(200, json=_presentation()))
    action = catalog.action("google_slides-get-presentation")
    result = await run_action(action, {"presentationId": f"https://docs.google.com/presentation/d/{DECK}/edit#slide=id.p"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/presentations/{DECK}")
    assert result.ret == {
        "presentation_id": DECK, "title": "Q3 review", "url": f"https://docs.google.com/presentation/d/{DECK}/edit",
        "revision_id": "rev-7",
        "slides": [
            {"object_id": "p", "index": 0, "layout_id": "p1", "elements": [
                {"object_id": "i0", "kind": "shape", "placeholder": "CENTERED_TITLE", "text": "Q3 review\n"},
                {"object_id": "i1", "kind": "shape", "placeholder": "SUBTITLE", "text": ""}]},
            {"object_id": "g2", "index": 1, "layout_id": "p2", "elements": [
                {"object_id": "g2_i0", "kind": "shape", "placeholder": "TITLE", "text": "Revenue\n"},
                {"object_id": "img1", "kind": "image"}]},
        ],
        "layouts": [{"object_id": "p1", "name": "Title slide"}, {"object_id": "p2", "name": "Title and body"}],
    }
    assert result.summary == "Read the presentation 'Q3 review' (2 slides)"
    whole = await run_action(action, {"presentationId": DECK, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _presentation()


async def test_get_presentation_refuses_what_is_not_an_id(catalog, respx_mock):
    result = await run_action(catalog.action("google_slides-get-presentation"), {"presentationId": "my deck"}, auth=AUTH)
    assert "neither a presentation ID nor a docs.google.com/presentation/d/... link" in result.error
    assert not respx_mock.calls


async def test_create_presentation_sends_the_title(catalog, respx_mock):
    created = {**_presentation(), "title": "Kickoff", "slides": [_presentation()["slides"][0]]}
    route = respx_mock.post(f"{API}/presentations").mock(return_value=httpx.Response(200, json=created))
    result = await run_action(catalog.action("google_slides-create-presentation"), {"title": "Kickoff"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/presentations", body={"title": "Kickoff"})
    assert result.ret["presentation_id"] == DECK and len(result.ret["slides"]) == 1
    assert result.summary == "Created the presentation 'Kickoff'"


async def test_add_slide_with_a_standard_layout_at_a_position(catalog, respx_mock):
    route = respx_mock.post(f"{API}/presentations/{DECK}:batchUpdate").mock(
        return_value=httpx.Response(200, json=_batch([{"createSlide": {"objectId": "SLIDES_API1"}}])))
    result = await run_action(catalog.action("google_slides-add-slide"),
                              {"presentationId": DECK, "layout": "TITLE_AND_BODY", "insertionIndex": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/presentations/{DECK}:batchUpdate", body={"requests": [
        {"createSlide": {"insertionIndex": 1, "slideLayoutReference": {"predefinedLayout": "TITLE_AND_BODY"}}}]})
    assert result.ret == {**EDITED, "slide_id": "SLIDES_API1"} and result.summary == "Added the slide SLIDES_API1"

    await run_action(catalog.action("google_slides-add-slide"), {"presentationId": DECK, "layoutId": "p2"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"requests": [{"createSlide": {"slideLayoutReference": {"layoutId": "p2"}}}]}


async def test_add_slide_takes_one_layout_only(catalog, respx_mock):
    result = await run_action(catalog.action("google_slides-add-slide"),
                              {"presentationId": DECK, "layout": "BLANK", "layoutId": "p2"}, auth=AUTH)
    assert result.error == "give either a standard layout or a layout ID, not both"
    assert not respx_mock.calls


async def test_insert_text_into_a_shape(catalog, respx_mock):
    route = respx_mock.post(f"{API}/presentations/{DECK}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch([{}])))
    result = await run_action(catalog.action("google_slides-insert-text"),
                              {"presentationId": DECK, "shapeId": "i1", "text": "Up 12%", "insertionIndex": 0}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/presentations/{DECK}:batchUpdate", body={"requests": [
        {"insertText": {"objectId": "i1", "text": "Up 12%", "insertionIndex": 0}}]})
    assert result.ret == {**EDITED, "shape_id": "i1"} and result.summary == "Inserted 6 characters into i1"


async def test_replace_text_counts_each_replacement(catalog, respx_mock):
    route = respx_mock.post(f"{API}/presentations/{DECK}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch([
        {"replaceAllText": {"occurrencesChanged": 3}}, {"replaceAllText": {}}])))
    result = await run_action(catalog.action("google_slides-replace-text"), {
        "presentationId": DECK, "replacements": {"{{client}}": "Acme", "{{date}}": "1 May"}, "matchCase": False,
        "pageObjectIds": ["g2"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/presentations/{DECK}:batchUpdate", body={"requests": [
        {"replaceAllText": {"containsText": {"text": "{{client}}", "matchCase": False}, "replaceText": "Acme", "pageObjectIds": ["g2"]}},
        {"replaceAllText": {"containsText": {"text": "{{date}}", "matchCase": False}, "replaceText": "1 May", "pageObjectIds": ["g2"]}},
    ]})
    assert result.ret == {**EDITED, "replacements": {"{{client}}": 3, "{{date}}": 0}}
    assert result.summary == "Replaced 3 occurrences"


async def test_insert_image_with_a_size(catalog, respx_mock):
    route = respx_mock.post(f"{API}/presentations/{DECK}:batchUpdate").mock(
        return_value=httpx.Response(200, json=_batch([{"createImage": {"objectId": "SLIDES_API2"}}])))
    result = await run_action(catalog.action("google_slides-insert-image"), {
        "presentationId": DECK, "pageObjectId": "g2", "imageUrl": "https://example.com/chart.png",
        "widthPoints": 320, "heightPoints": 180}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/presentations/{DECK}:batchUpdate", body={"requests": [
        {"createImage": {"url": "https://example.com/chart.png", "elementProperties": {
            "pageObjectId": "g2", "size": {"width": {"magnitude": 320, "unit": "PT"}, "height": {"magnitude": 180, "unit": "PT"}}}}}]})
    assert result.ret == {**EDITED, "image_id": "SLIDES_API2"}


async def test_insert_image_needs_both_sides_or_neither(catalog, respx_mock):
    result = await run_action(catalog.action("google_slides-insert-image"), {
        "presentationId": DECK, "pageObjectId": "g2", "imageUrl": "https://example.com/a.png", "widthPoints": 100}, auth=AUTH)
    assert result.error.startswith("give both the width and the height")
    assert not respx_mock.calls


async def test_create_presentation_from_template_copies_then_fills(catalog, respx_mock):
    copied = respx_mock.post(f"{DRIVE}/files/{DECK}/copy").mock(
        return_value=httpx.Response(200, json={"id": "1NewDeckId0123456789", "name": "Acme pitch"}))
    filled = respx_mock.post(f"{API}/presentations/1NewDeckId0123456789:batchUpdate").mock(return_value=httpx.Response(200, json={
        "presentationId": "1NewDeckId0123456789", "replies": [{"replaceAllText": {"occurrencesChanged": 2}}, {"replaceAllText": {}}]}))
    result = await run_action(catalog.action("google_slides-create-presentation-from-template"), {
        "templateId": DECK, "title": "Acme pitch", "placeholders": {"{{client}}": "Acme", "{{owner}}": "Ana"},
        "folderId": "0BwwA4oUTeiV1TGRPeTVjaWRDY1E"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(copied.calls.last.request, "POST", f"{DRIVE}/files/{DECK}/copy",
                   params={"fields": "id,name", "supportsAllDrives": "true"},
                   body={"name": "Acme pitch", "parents": ["0BwwA4oUTeiV1TGRPeTVjaWRDY1E"]})
    assert_request(filled.calls.last.request, "POST", f"{API}/presentations/1NewDeckId0123456789:batchUpdate", body={"requests": [
        {"replaceAllText": {"containsText": {"text": "{{client}}", "matchCase": True}, "replaceText": "Acme"}},
        {"replaceAllText": {"containsText": {"text": "{{owner}}", "matchCase": True}, "replaceText": "Ana"}},
    ]})
    assert result.ret == {"presentation_id": "1NewDeckId0123456789", "title": "Acme pitch",
                          "url": "https://docs.google.com/presentation/d/1NewDeckId0123456789/edit",
                          "replacements": {"{{client}}": 2, "{{owner}}": 0}}
    assert result.summary == "Created 'Acme pitch' from the template; not found: {{owner}}"


async def test_get_slide_thumbnail_asks_for_a_png_of_the_size(catalog, respx_mock):
    route = respx_mock.get(f"{API}/presentations/{DECK}/pages/g2/thumbnail").mock(return_value=httpx.Response(200, json={
        "width": 800, "height": 450, "contentUrl": "https://lh7-us.googleusercontent.com/thumb"}))
    result = await run_action(catalog.action("google_slides-get-slide-thumbnail"),
                              {"presentationId": DECK, "pageObjectId": "g2", "size": "MEDIUM"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/presentations/{DECK}/pages/g2/thumbnail",
                   params={"thumbnailProperties.mimeType": "PNG", "thumbnailProperties.thumbnailSize": "MEDIUM"})
    assert result.ret == {"slide_id": "g2", "content_url": "https://lh7-us.googleusercontent.com/thumb", "width": 800, "height": 450}
    assert result.summary == "Rendered slide g2 (800×450 px)"


async def test_presentation_slide_and_shape_options(catalog, respx_mock):
    files = respx_mock.get(f"{DRIVE}/files").mock(side_effect=[
        httpx.Response(200, json={"nextPageToken": "n2", "files": [{"id": DECK, "name": "Q3 review"}]}),
        httpx.Response(200, json={"files": [{"id": "1Other0123456789", "name": "Roadmap"}]}),
    ])
    action = catalog.action("google_slides-insert-text")
    first = await fetch_options(action, "presentationId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Q3 review", "value": DECK}] and first["context"] == {"pageToken": "n2"}
    second = await fetch_options(action, "presentationId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Roadmap", "value": "1Other0123456789"}] and second["context"] is None
    assert dict(files.calls[1].request.url.params) == {
        "q": "mimeType='application/vnd.google-apps.presentation' and trashed=false", "orderBy": "modifiedTime desc",
        "pageSize": "100", "fields": "nextPageToken,files(id,name)", "pageToken": "n2"}

    deck = respx_mock.get(f"{API}/presentations/{DECK}").mock(return_value=httpx.Response(200, json=_presentation()))
    slides = await fetch_options(action, "pageObjectId", {"presentationId": DECK}, auth=AUTH)
    assert slides["options"] == [{"label": "Slide 1: Q3 review", "value": "p"}, {"label": "Slide 2: Revenue", "value": "g2"}]
    assert deck.calls.last.request.url.params["fields"].startswith("slides(objectId,pageElements(")
    shapes = await fetch_options(action, "shapeId", {"presentationId": DECK, "pageObjectId": "p"}, auth=AUTH)
    assert shapes["options"] == [{"label": "Slide 1 centered_title: Q3 review", "value": "i0"},
                                 {"label": "Slide 1 subtitle (empty)", "value": "i1"}]


async def test_slide_options_ask_for_the_presentation_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("google_slides-get-slide-thumbnail"), "pageObjectId", {}, auth=AUTH)
    assert response["options"] == [] and "choose the presentation (presentationId) first" in response["errors"][0]
    assert not respx_mock.calls


async def test_a_rate_limit_and_a_read_only_deck_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/presentations/{DECK}:batchUpdate").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "20"}, json={"error": {
            "code": 429, "message": "Quota exceeded for quota metric 'Write requests'", "status": "RESOURCE_EXHAUSTED",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED"}]}}),
        httpx.Response(403, json={"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}),
    ])
    action = catalog.action("google_slides-insert-text")
    limited = await run_action(action, {"presentationId": DECK, "shapeId": "i1", "text": "x"}, auth=AUTH)
    assert "rate limited by Google Slides; retry after 20 s" in limited.error
    denied = await run_action(action, {"presentationId": DECK, "shapeId": "i1", "text": "x"}, auth=AUTH)
    assert "may view but not edit this presentation" in denied.error
