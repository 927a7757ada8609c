-- wrk script: authenticated GET (X-Api-Key from BENCH_API_KEY); prints one machine-readable line.
local key = os.getenv("BENCH_API_KEY") or ""
wrk.headers["X-Api-Key"] = key

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
