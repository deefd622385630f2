-- Requests that walk through a file of order ids, each wrk thread taking every Nth one, so that
-- PUT /order/{id}/status always moves an order that has not moved yet.
local ids = {}
for line in io.lines(os.getenv("BAKEOPS_IDS")) do ids[#ids + 1] = line end
local method = os.getenv("BAKEOPS_METHOD")
local suffix = os.getenv("BAKEOPS_SUFFIX") or ""
local body = os.getenv("BAKEOPS_BODY")
local headers = {["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BAKEOPS_TOKEN")}
local threads = 0

function setup(thread)
  thread:set("position", threads)
  threads = threads + 1
end

function init(args)
  stride = tonumber(os.getenv("BAKEOPS_THREADS"))
end

function request()
  position = position + stride
  local id = ids[(position % #ids) + 1]
  return wrk.format(method, "/order/" .. id .. suffix, headers, body)
end
