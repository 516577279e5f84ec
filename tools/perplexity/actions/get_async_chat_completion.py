from urllib.parse import quote

from ..app import api, app, job_summary


@app.action(
    "get-async-chat-completion",
    title="Get Deep Research Result",
    description=(
        "Read a background job started with perplexity-create-async-chat-completion: its status (CREATED, IN_PROGRESS, "
        "COMPLETED or FAILED) and, once COMPLETED, the answer with its citations and search results. If it is still "
        "running, wait a while and call again."
    ),
    props={"requestId": app.definition("requestId")},
    read_only=True,
    trim=job_summary,
)
async def get_async_chat_completion(ctx):
    request_id = str(ctx.props.requestId).strip()
    job = await api(ctx, "GET", f"/async/chat/completions/{quote(request_id, safe='')}")
    status = job.get("status")
    ctx.summary = f"Job {request_id} is {status}" + (f": {job['error_message']}" if job.get("error_message") else "")
    return job
