-- wrk script for `make soak`: public pages, the values API, logins and edits through nginx.
-- Environment (set by scripts/soak.sh): SOAK_SESSION, SOAK_CSRF (an editor's session and
-- its CSRF token), SOAK_ITEM (a news item the editors save again and again), SOAK_EMAIL,
-- SOAK_PASSWORD. Every answer other than 200/303 counts as unexpected. Logins come at a
-- fixed rate (below), the rest as shares of the requests.
local session = os.getenv("SOAK_SESSION")
local csrf = os.getenv("SOAK_CSRF")
local item = os.getenv("SOAK_ITEM")
local email = os.getenv("SOAK_EMAIL")
local password = os.getenv("SOAK_PASSWORD")
local anon = "soakcsrfsoakcsrfsoakcsrfsoakcsrfsoak"  -- a visitor's double-submit token (32..64 chars)

local public = {
  "/", "/aktuelles", "/monitor", "/monitor/indikatoren/einkommen_je_einwohner",
  "/monitor/regionen/05913", "/daten/datensaetze",
}
local api = {
  "/api/v1/indicators/einkommen_je_einwohner/values?region=05913",
  "/api/v1/indicators/einkommen_je_einwohner/values?region=ruhr&region=nrw",
  "/api/v1/indicators/schulabgaenger_ohne_abschluss/values",
  "/api/v1/regions",
}

local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  unexpected = 0
  by_status = {}
  counter = 0
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Logins at a fixed rate, not a share of the requests: a share would make a faster server
-- face a larger login flood (1 % of 1,400 req/s is 50,000 logins an hour), and argon2 is
-- meant to be slow. At most LOGINS_PER_SECOND per wrk thread (two threads): 14,400 an hour,
-- a busy morning's peak; beyond the slow-work queue the server answers 503 by design.
local LOGINS_PER_SECOND = 2
local login_second, logins_this_second = 0, 0
function login_allowed()
  local now = os.time()
  if now ~= login_second then login_second, logins_this_second = now, 0 end
  if logins_this_second >= LOGINS_PER_SECOND then return false end
  logins_this_second = logins_this_second + 1
  return true
end

function request()
  counter = counter + 1
  local r = math.random(100)
  if r <= 60 then
    return wrk.format("GET", public[math.random(#public)])
  elseif r <= 90 then
    return wrk.format("GET", api[math.random(#api)])
  elseif r <= 95 then
    return wrk.format("GET", "/redaktion/meldungen/" .. item, { Cookie = "rf_session=" .. session })
  elseif r <= 99 then
    local body = "_csrf=" .. urlencode(csrf) .. "&title=" .. urlencode("Lastprobe " .. counter) ..
      "&slug=lastprobe&item_date=2024-05-01&summary=" .. urlencode("Gespeichert unter Last.") ..
      "&body=" .. urlencode("Text **" .. counter .. "**") .. "&action=save"
    return wrk.format("POST", "/redaktion/meldungen/" .. item,
      { Cookie = "rf_session=" .. session, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  elseif login_allowed() then
    local body = "_csrf=" .. anon .. "&email=" .. urlencode(email) .. "&password=" .. urlencode(password)
    return wrk.format("POST", "/anmelden",
      { Cookie = "rf_csrf=" .. anon, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  else
    return wrk.format("GET", public[math.random(#public)])
  end
end

function response(status, headers, body)
  if status ~= 200 and status ~= 303 then
    unexpected = unexpected + 1
    by_status[status] = (by_status[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  local detail = {}
  for _, t in ipairs(threads) do
    total = total + t:get("unexpected")
    for status, n in pairs(t:get("by_status")) do detail[status] = (detail[status] or 0) + n end
  end
  io.write(string.format("soak: requests %d, unexpected %d", summary.requests, total))
  for status, n in pairs(detail) do io.write(string.format(", %d x %d", n, status)) end
  io.write(string.format(", p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
