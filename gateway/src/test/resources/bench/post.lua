-- wrk script: authenticated POST with an Idempotency-Key unique per request (run, thread, counter).
-- BENCH_BODY is the JSON body; "@KEY@" in it is replaced by the same unique key.
local key = os.getenv("BENCH_API_KEY") or ""
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local body = os.getenv("BENCH_BODY") or "{}"
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  counter = counter + 1
  local k = run .. "-" .. tid .. "-" .. counter
  local b = string.gsub(body, "@KEY@", k)
  return wrk.format("POST", nil,
    {["X-Api-Key"] = key, ["Idempotency-Key"] = k, ["Content-Type"] = "application/json"}, b)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
