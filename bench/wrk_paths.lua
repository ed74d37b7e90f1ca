-- wrk script of bench/http_bench.py: counts statuses per thread and prints one JSON line at the end.
-- With arguments (-- COOKIES_FILE CSRF_TOKEN) every request is a POST with the next household's session:
-- thread N of T takes lines N, N+T, N+2T … of the file, so no two connections cast for the same household.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local cookies = nil
local csrf = nil
local position = 0
statuses = {}

function init(args)
  if args[1] ~= nil then
    cookies = {}
    csrf = args[2]
    local index = 0
    for line in io.lines(args[1]) do
      if line ~= "" then
        if index % 2 == id then
          table.insert(cookies, line)
        end
        index = index + 1
      end
    end
  end
end

function request()
  if cookies == nil then
    return wrk.request()
  end
  position = position + 1
  if position > #cookies then
    position = 1
  end
  local headers = {}
  headers["Cookie"] = cookies[position]
  headers["X-CSRFToken"] = csrf
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", nil, headers, "option=agree&other_opinion=")
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    for key, value in pairs(counted) do
      total[key] = (total[key] or 0) + value
    end
  end
  local parts = {}
  for key, value in pairs(total) do
    table.insert(parts, string.format('"%s":%d', key, value))
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), errors,
    table.concat(parts, ",")
  ))
end
