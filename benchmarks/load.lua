-- wrk script for bench_load.py: each request asks a path drawn at random from a file (one
-- path a line), with an optional Cookie header; done() prints one line of figures that
-- bench_load.py reads. Usage: wrk ... -s load.lua <url> -- <paths file> [cookie]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  if args[2] and args[2] ~= "" then
    wrk.headers["Cookie"] = args[2]
  end
  -- Each thread its own sequence, so two threads do not ask the same paths in step.
  math.randomseed(os.time() + id * 7919)
  not_2xx = 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

-- Counted here rather than from summary.errors.status, which counts only 4xx and 5xx:
-- a redirect (to the log-in page, say) is an error for this test as well.
function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d not_2xx=%d "
      .. "connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, e.connect, e.read, e.write, e.timeout
  ))
end
