"""The baseline: a bare `mcp` SDK server with one tool doing the same work as the gateway's bench action."""

from __future__ import annotations

import contextlib
import json
import sys

import mcp_types as types
import uvicorn
from mcp.server import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.applications import Starlette
from starlette.routing import Mount

from workload import TOOL_SCHEMA, work


async def list_tools(ctx, params):
    return types.ListToolsResult(tools=[types.Tool(name="bench-echo", description="Echo a message back.", input_schema=TOOL_SCHEMA)])


async def call_tool(ctx, params):
    ret = work(params.arguments or {})
    summary = f"Echoed {len(ret['message'])} characters"
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=f"{summary}\n\n{json.dumps(ret)}")],
        structured_content={"exports": {"$summary": summary}, "os": [], "ret": ret},
    )


server = Server("bare", on_list_tools=list_tools, on_call_tool=call_tool)
manager = StreamableHTTPSessionManager(server, json_response=True)


@contextlib.asynccontextmanager
async def lifespan(app):
    async with manager.run():
        yield


app = Starlette(routes=[Mount("/mcp", app=manager.handle_request)], lifespan=lifespan)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
