-- wrk script: POST /v1/tenants/sayakaya/redemptions, each request a different user
-- (thread t of T sends users t+1, t+1+T, t+1+2T, ...), counting 201s and the rest.
-- Arguments (after --): threads, code, api key.
local threads = {}

function setup(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

function init(args)
    nthreads = tonumber(args[1])
    code = args[2]
    key = args[3]
    user = tid + 1 - nthreads
    created = 0
    other = 0
end

function request()
    user = user + nthreads
    local body = string.format('{"code": "%s", "user_id": %d, "order_amount": 250000}', code, user)
    return wrk.format("POST", "/v1/tenants/sayakaya/redemptions",
        {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
end

function response(status, headers, body)
    if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
    local c, o = 0, 0
    for _, t in ipairs(threads) do
        c = c + t:get("created")
        o = o + t:get("other")
    end
    io.write(string.format("RESULT requests=%d seconds=%.3f created=%d other=%d p50_ms=%.2f p99_ms=%.2f\n",
        summary.requests, summary.duration / 1e6, c, o, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
