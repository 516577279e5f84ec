"""The resources the official suite's resources scenarios read, at the URIs they read them by."""

import base64
import json

from .app import RED_PIXEL_PNG, app, fixture


@app.resource(
    "test://static-text",
    name="static-text",
    title="Static Text Resource",
    description=fixture("resources-read-text", "A fixed plain-text document."),
    mime_type="text/plain",
)
async def static_text(ctx):
    return "This is the content of the static text resource."


@app.resource(
    "test://static-binary",
    name="static-binary",
    title="Static Binary Resource",
    description=fixture("resources-read-binary", "A 1x1 red PNG image."),
    mime_type="image/png",
)
async def static_binary(ctx):
    return base64.b64decode(RED_PIXEL_PNG)


@app.resource_template(
    "test://template/{id}/data",
    name="template",
    title="Resource Template",
    description=fixture("resources-templates-read", "A JSON document naming the id in its URI."),
    mime_type="application/json",
)
async def template_data(ctx, id):
    return json.dumps({"id": id, "templateTest": True, "data": f"Data for ID: {id}"})
