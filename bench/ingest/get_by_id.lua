-- wrk script: GET /<index>/_doc/<id> for ids drawn at random from a file
-- (one id per line), over wrk's keep-alive connections.
--
--   wrk -t2 -c4 -d20s -s get_by_id.lua http://127.0.0.1:PORT -- IDS_FILE INDEX [SEED]
--
-- done() prints one JSON line "WRK_JSON {...}" with requests, duration,
-- socket errors, responses with status >= 400 (errors.status: a missing id
-- is a 404 and counts there) and latency percentiles in microseconds.
-- Requests are pre-formatted at init, so request() only picks one; there is
-- no response() callback, so wrk does not hand bodies to Lua.

local thread_counter = 0

function setup(thread)
  thread:set("thread_no", thread_counter)
  thread_counter = thread_counter + 1
end

local requests = {}

function init(args)
  local ids_file = args[1]
  local index = args[2] or "logs-bench"
  local seed = tonumber(args[3] or "42")
  local n = 0
  for line in io.lines(ids_file) do
    if #line > 0 then
      n = n + 1
      requests[n] = wrk.format("GET", "/" .. index .. "/_doc/" .. line)
    end
  end
  if n == 0 then error("no ids in " .. ids_file) end
  math.randomseed(seed * 1000 + (thread_no or 0))
end

function request()
  return requests[math.random(#requests)]
end

function done(summary, latency, requests_)
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
