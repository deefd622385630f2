-- Shared by every wrk run of bench/rest.py: one machine-readable line with the figures we report.
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format("BAKEOPS %d %.3f %d %d %d %d %d %d\n",
    summary.requests, s, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency.max))
end
