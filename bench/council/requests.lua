-- wrk script of bench/council/run.sh. Environment:
--   BENCH_PATH   the path, with "%s" where a value goes in turn (e.g. /rat/suche?suche=%s)
--   BENCH_VALUES comma-separated values used in turn; "random:N" draws a number from 1 to N
-- Prints one line at the end: requests/s, p50, p95, p99 (ms), non-2xx/3xx answers, socket errors.
local path = os.getenv("BENCH_PATH") or "/"
local spec = os.getenv("BENCH_VALUES") or ""
local values, limit = {}, tonumber(spec:match("^random:(%d+)$"))
for v in spec:gmatch("[^,]+") do values[#values + 1] = v end
local n = 0

-- Percent-encoded: Kestrel answers 400 to raw non-ASCII bytes in the request target (umlauts).
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

math.randomseed(os.time())
request = function()
  n = n + 1
  local value = limit and tostring(math.random(1, limit)) or (#values > 0 and values[(n % #values) + 1] or "")
  local encoded = encode(value)
  return wrk.format("GET", (path:gsub("%%s", function() return encoded end)))
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status, errors))
end
