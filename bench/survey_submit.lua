-- wrk script of bench/survey.sh: each invitation token of the tokens file
-- answers the TAB checklist in one of two ways (the script's fourth argument):
--   ganz   the whole response in one POST (seite=alle, _aktion=absenden), as
--          the answering script (static/js/befragung.js) sends it after
--          paging in the browser -> 200 "Vielen Dank!"
--   seiten page by page without JavaScript, with the fewest requests that
--          store a complete response: one POST per page with required
--          questions, as the answering pages (/befragung/{token}) take them:
--            page 2 "Zu Ihrer Tätigkeit"   (seite=1, _aktion=weiter)  -> 303 to ?seite=3
--            page 3 "Wie dringend …"       (seite=2, _aktion=weiter)  -> 303 to ?seite=4
--            page 4 "Format und Umfang"    (seite=3, _aktion=absenden) -> 200 "Vielen Dank!"
--          The optional pages (intro, further needs, remarks) are skipped, as
--          a browser user may skip them with "Absenden".
-- The CSRF token is the anonymous double-submit cookie every visitor gets
-- (rf_csrf = _csrf).
--
-- Page by page, the next step of a token is taken from the redirect's
-- Location, so the steps of one response never overtake each other although
-- any connection may send any step. When a thread has nothing to send but
-- waits for answers, it asks /healthz (counted apart). When every thread is
-- done, the last one interrupts wrk (SIGINT to the main thread), so wrk's
-- time is the time of the 10,000 responses.
--
--   wrk -t2 -c64 -d300s -s survey_submit.lua URL -- TOKENS_FILE THREADS DONE_FILE ganz|seiten

local ffi = require("ffi")
ffi.cdef [[
  int getpid(void);
  long syscall(long number, ...);
]]

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local csrf = "benchmark-csrf-token-0123456789abcdefghijk"
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = "rf_csrf=" .. csrf,
}
local groups_topics = { "daz", "inklusion", "digital", "klassenfuehrung", "eltern", "demokratie", "gesundheit",
  "berufsorientierung", "ganztag" }
local priorities = { "hoch", "mittel", "gering", "kein" }
local experience = { "unter2", "2bis10", "ueber10" }
local formats = { "schilf", "praesenz", "online", "blended", "hospitation", "abruf" }
local times = { "vormittag", "nachmittag", "paedtag", "ferien" }

local tokens, groups = {}, {}
local queue, qhead, qtail = {}, 1, 0
local next_token = 1
local finished = false
-- counters read by done()
completed, failed, fillers, posts, unexpected = 0, 0, 0, 0, 0

local function one(list) return list[math.random(#list)] end
local function field(name, value) return "&f%3A" .. name .. "=" .. value end

-- The answers of page 1 (group, experience), 2 (the topics that apply) or
-- 3 (formats, person-days, time slot) of a token's response.
local function answers(token, page)
  local group = groups[token]
  if page == 1 then return field("personalgruppe", group) .. field("erfahrung", one(experience)) end
  local b = ""
  if page == 2 then
    for _, t in ipairs(groups_topics) do
      if not (t == "berufsorientierung" and group == "alltagshilfe") then b = b .. field("thema_" .. t, one(priorities)) end
    end
    return b
  end
  local picked, n = {}, math.random(3)
  for _ = 1, n do picked[one(formats)] = true end
  for _, f in ipairs(formats) do
    if picked[f] then b = b .. field("formate", f) end
  end
  local halves = math.random(0, 10)
  local days = tostring(math.floor(halves / 2)) .. (halves % 2 == 1 and "%2C5" or "")
  return b .. field("personentage", days) .. field("zeitfenster", one(times))
end

-- The whole response in one POST (seite=alle), as the answering script sends
-- it after paging in the browser: beside the answers the page shown last, the
-- repeat's entry count and the empty remarks field (unchecked choices and
-- hidden questions send nothing).
local function whole_body(token)
  return "_csrf=" .. csrf .. "&seite=alle&weiter_bei=5&_aktion=absenden" .. answers(token, 1) ..
    answers(token, 2) .. answers(token, 3) .. "&n%3Aweitere=1" .. field("anmerkungen", "")
end

-- One page of the paged form: "weiter" on pages 1 and 2, "absenden" on page 3.
local function body_for(token, page)
  return "_csrf=" .. csrf .. "&seite=" .. page .. "&_aktion=" .. (page == 3 and "absenden" or "weiter") ..
    answers(token, page)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  done_file = args[3]
  whole = args[4] == "ganz"
  thread_count = nthreads
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local token, group = line:match("^(%S+)%s+(%S+)$")
      table.insert(tokens, token)
      groups[token] = group
    end
    i = i + 1
  end
  math.randomseed(1000 + id)
end

local function push(token, page)
  qtail = qtail + 1
  queue[qtail] = { token, page }
end

local function finish_if_done()
  if finished or completed + failed < #tokens then return end
  finished = true
  local f = io.open(done_file, "a")
  f:write(id, "\n")
  f:close()
  local n = 0
  for _ in io.lines(done_file) do n = n + 1 end
  if n >= thread_count then
    local pid = ffi.C.getpid()
    ffi.C.syscall(234, ffi.cast("long", pid), ffi.cast("long", pid), ffi.cast("long", 2)) -- tgkill(pid, pid, SIGINT)
  end
  wrk.thread:stop()
end

-- Nothing to send until an answer comes back: wait a little instead of
-- spinning on /healthz.
function delay()
  if qhead > qtail and next_token > #tokens then return 5 end
  return 0
end

function request()
  -- wrk calls the first thread's request() once before the run to check the
  -- script (script_verify_request); that request is never sent.
  if id == 0 and not verified then
    verified = true
    return wrk.format("GET", "/healthz")
  end
  local step
  if qhead <= qtail then
    step = queue[qhead]
    queue[qhead] = nil
    qhead = qhead + 1
  elseif next_token <= #tokens then
    step = { tokens[next_token], 1 }
    next_token = next_token + 1
  end
  if step == nil then
    fillers = fillers + 1
    return wrk.format("GET", "/healthz")
  end
  posts = posts + 1
  if whole then return wrk.format("POST", "/befragung/" .. step[1], headers, whole_body(step[1])) end
  return wrk.format("POST", "/befragung/" .. step[1], headers, body_for(step[1], step[2]))
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if status == 303 or status == 302 then
    local token, page = (location or ""):match("/befragung/([^?]+)%?seite=(%d+)")
    page = tonumber(page)
    if token and groups[token] and (page == 3 or page == 4) then
      push(token, page - 1)
    else
      unexpected = unexpected + 1
      failed = failed + 1
    end
  elseif status == 200 and body:find("Vielen Dank!", 1, true) then
    completed = completed + 1
  elseif status == 200 and not body:find("<html", 1, true) then
    -- /healthz while waiting for the last answers
  else
    unexpected = unexpected + 1
    failed = failed + 1
    if unexpected <= 3 then io.stderr:write("survey_submit: HTTP ", status, "\n") end
  end
  finish_if_done()
end

function done(summary, latency, requests)
  local c, f, fl, p, u = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("completed")
    f = f + t:get("failed")
    fl = fl + t:get("fillers")
    p = p + t:get("posts")
    u = u + t:get("unexpected")
  end
  io.write(string.format("lua: completed=%d failed=%d posts=%d fillers=%d unexpected=%d\n", c, f, p, fl, u))
end
