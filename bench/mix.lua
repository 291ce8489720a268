-- The read side of the mixed scenario: 90% single-sign GETs over 12 signs x 3 dates,
-- 10% all-twelve GETs of one of those dates. Dates come as script arguments (after `--`).
-- Editors' writes (one a second) come from bench/run.py, not from wrk.

local signs = {
  "aries", "taurus", "gemini", "cancer", "leo", "virgo",
  "libra", "scorpio", "sagittarius", "capricorn", "aquarius", "pisces",
}
local dates = {}
local thread_seed = 0

function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end

function init(args)
  dates = { args[1], args[2], args[3] }
  math.randomseed(seed or 1)
end

function request()
  local day = dates[math.random(3)]
  if math.random(10) == 1 then
    return wrk.format("GET", "/v1/horoscopes/" .. day)
  end
  return wrk.format("GET", "/v1/horoscopes/" .. signs[math.random(12)] .. "/" .. day)
end
