from mcp_gateway.catalog import ActionError, props

from ..app import api, app


@app.action(
    "create-event",
    title="Create Event",
    description=(
        "Record that a person did something (an event), e.g. `Placed Order` with its properties, so Klaviyo flows and "
        "segments can use it. The person is found by email, phone number or external ID, and created if new. "
        "Klaviyo accepts the event and files it shortly after; read events with klaviyo-list-events."
    ),
    props={
        "metricName": props.string("Metric Name", "What happened, e.g. `Placed Order` or `Started Trial`; a new name "
                                   "creates the metric."),
        "email": props.string("Email", "The person's email address.", optional=True),
        "phoneNumber": props.string("Phone Number", "The person's phone number in E.164 form.", optional=True),
        "externalId": props.string("External ID", "The ID your own system gives the person.", optional=True),
        "properties": props.obj("Properties", "What to know about the event, e.g. `{\"OrderId\": \"1042\", "
                                "\"Items\": [\"Tea\"]}`.", optional=True),
        "value": props.string("Value", "A monetary value, as a number, e.g. `29.95`.", optional=True),
        "time": props.string("Time", "When it happened, ISO 8601, e.g. `2026-12-01T09:00:00Z`; empty: now.",
                             optional=True),
        "uniqueId": props.string("Unique ID", "An ID for this event (e.g. the order number) so a repeat is not "
                                 "counted twice.", optional=True),
    },
)
async def create_event(ctx):
    who = {field: ctx.props[name] for name, field in
           (("email", "email"), ("phoneNumber", "phone_number"), ("externalId", "external_id")) if ctx.props.get(name)}
    if not who:
        raise ActionError("say who did it: give an email, phoneNumber or externalId")
    attributes = {
        "properties": ctx.props.get("properties") or {},
        "metric": {"data": {"type": "metric", "attributes": {"name": ctx.props.metricName}}},
        "profile": {"data": {"type": "profile", "attributes": who}},
    }
    if ctx.props.get("value") not in (None, ""):
        try:
            attributes["value"] = float(ctx.props.value)
        except ValueError:
            raise ActionError(f"value {ctx.props.value!r} is not a number; write it like `29.95`") from None
    if ctx.props.get("time"):
        attributes["time"] = ctx.props.time
    if ctx.props.get("uniqueId"):
        attributes["unique_id"] = ctx.props.uniqueId
    await api(ctx, "POST", "/events", body={"data": {"type": "event", "attributes": attributes}})
    ctx.summary = f"Recorded the event {ctx.props.metricName!r} for {next(iter(who.values()))}"
    return {"accepted": True, "metric": ctx.props.metricName, "profile": who}
