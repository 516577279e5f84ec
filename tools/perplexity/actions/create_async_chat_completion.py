from mcp_gateway.catalog import props

from ..app import api, app, chat_props, chat_request, job_summary


@app.action(
    "create-async-chat-completion",
    title="Start Deep Research",
    description=(
        "Start a chat completion as a background job, for questions that take minutes (above all `sonar-deep-research` "
        "reports). Returns the job's ID and status at once; poll perplexity-get-async-chat-completion with the ID until "
        "the status is COMPLETED to read the answer. For quick questions use perplexity-chat-completion."
    ),
    props={
        **chat_props(
            "sonar-deep-research",
            "`sonar-deep-research` (an exhaustive, cited report), or `sonar`, `sonar-pro`, `sonar-reasoning-pro`.",
        ),
        "idempotencyKey": props.string(
            "Idempotency Key", "A unique string of your own, e.g. `report-2026-12-07`: sending it again returns the same "
            "job instead of starting another.", optional=True),
    },
    idempotent=False,
    trim=job_summary,
)
async def create_async_chat_completion(ctx):
    body = {"request": chat_request(ctx)}
    if ctx.props.get("idempotencyKey"):
        body["idempotency_key"] = ctx.props.idempotencyKey
    job = await api(ctx, "POST", "/async/chat/completions", json=body)
    ctx.summary = f"Started {job.get('model') or ctx.props.model} job {job.get('id')} ({job.get('status')})"
    return job
