-- GET requests/{id}.json for a random one of the seeded reports.
local count = tonumber(os.getenv("BENCH_COUNT") or "1000000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", string.format("/open311/v2/requests/2025-%07d.json", math.random(1, count)))
end
