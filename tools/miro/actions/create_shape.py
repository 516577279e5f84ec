from mcp_gateway.catalog import props

from ..app import PLACEMENT, api, app, board_path, item_summary, placement

SHAPES = ["rectangle", "round_rectangle", "circle", "triangle", "rhombus", "parallelogram", "trapezoid", "pentagon",
          "hexagon", "octagon", "star", "cloud", "cross", "can", "right_arrow", "left_arrow", "left_right_arrow",
          "wedge_round_rectangle_callout", "flow_chart_process", "flow_chart_decision", "flow_chart_terminator"]


@app.action(
    "create-shape",
    title="Create Shape",
    description=(
        "Add a shape (rectangle, circle, arrow, flowchart box, ...) to a Miro board, with optional text inside and colors. "
        "For a sticky note use miro-create-sticky-note."
    ),
    props={
        "boardId": app.definition("boardId"),
        "shape": props.string("Shape", "The kind of shape; `rectangle` by default.", options=SHAPES, optional=True),
        "content": props.string("Text", "Text inside the shape; simple HTML such as `<p>Start</p>` works.", optional=True),
        "fillColor": props.string("Fill Color", "The fill as a hex code, e.g. `#d5f692`.", optional=True),
        "borderColor": props.string("Border Color", "The border as a hex code, e.g. `#1a1a1a`.", optional=True),
        **PLACEMENT,
        "height": props.integer("Height", "The shape's height in board units.", optional=True, min=1),
    },
    trim=item_summary,
)
async def create_shape(ctx):
    data = {"shape": ctx.props.get("shape") or "rectangle"}
    if ctx.props.get("content"):
        data["content"] = ctx.props.content
    body = {"data": data}
    style = {name: ctx.props[name] for name in ("fillColor", "borderColor") if ctx.props.get(name)}
    if style:
        body["style"] = style
    placement(ctx, body)
    if ctx.props.get("height") is not None:
        body.setdefault("geometry", {})["height"] = ctx.props.height
    shape = await api(ctx, "POST", board_path(ctx.props.boardId, "shapes"), json=body)
    ctx.summary = f"Added a {data['shape']} to the board"
    return shape
