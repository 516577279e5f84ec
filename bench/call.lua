-- wrk script: POST one MCP tools/call per request, unique JSON-RPC ids per thread.
-- Settings come from the environment: BENCH_TOOL, BENCH_ERA ("2025" or "2026"),
-- BENCH_HEADERS (lines of "name: value"), BENCH_SESSIONS (comma-separated, 2025 era).

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_no", next_thread)
  table.insert(threads, thread)
end

local tool, era, counter = nil, nil, 0
errors = 0  -- global, so done() can read it from each thread
local meta = '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'

function init(args)
  tool = os.getenv("BENCH_TOOL")
  era = os.getenv("BENCH_ERA")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
    local name, value = string.match(line, "^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
  if era == "2026" then
    wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
    wrk.headers["Mcp-Method"] = "tools/call"
    wrk.headers["Mcp-Name"] = tool
  else
    local sessions = {}
    for id in string.gmatch(os.getenv("BENCH_SESSIONS"), "[^,]+") do table.insert(sessions, id) end
    wrk.headers["Mcp-Session-Id"] = sessions[(thread_no - 1) % #sessions + 1]
    wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
  end
end

function request()
  counter = counter + 1
  local id = thread_no * 1000000000 + counter
  local params = '"name":"' .. tool .. '","arguments":{"message":"hello ' .. counter .. '","repeat":3}'
  if era == "2026" then params = params .. "," .. meta end
  return wrk.format(nil, nil, nil, '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{' .. params .. '}}')
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"isError":true', 1, true) or string.find(body, '"error":{', 1, true) then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("errors") end
  io.write(string.format("BENCH {\"requests\":%d,\"seconds\":%f,\"errors\":%d,\"p50_ms\":%f,\"p99_ms\":%f}\n",
    summary.requests, summary.duration / 1e6, failed, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
