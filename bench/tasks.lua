-- Task scenarios for wrk, chosen by the MODE environment variable:
--   create  POST /api/v1/tasks into a random one of the groups in GROUP_IDS
--   list    GET a random group's open tasks, 20 per page
--   search  GET /api/v1/search for a random word
-- TOKEN is a bearer access token; GROUP_IDS a comma-separated list of group ids.
local mode = os.getenv("MODE") or "list"
local token = os.getenv("TOKEN")
local groups = {}
for id in string.gmatch(os.getenv("GROUP_IDS") or "", "[^,]+") do
    groups[#groups + 1] = id
end
-- 400 made-up words: a search for one of them matches about one task in a hundred, as a
-- search for a project or customer name would.
local syllables = { "ka", "lo", "mi", "ne", "ru", "ta", "vi", "zo", "pe", "su", "do", "fa", "gi", "ho", "ju", "be", "co", "da", "re", "wu" }
local words = {}
for i = 1, #syllables do
    for j = 1, #syllables do
        words[#words + 1] = syllables[i] .. syllables[j] .. "n"
    end
end
local priorities = { "none", "low", "medium", "high", "urgent" }
local statuses = { "todo", "todo", "in_progress", "done" }

local function pick(list)
    return list[math.random(#list)]
end

local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

function setup(thread)
    thread:set("seed", math.random(1, 1000000))
end

function init(args)
    math.randomseed(os.time() + (seed or 0))
end

request = function()
    if mode == "create" then
        local title = pick(words) .. " " .. pick(words) .. " " .. math.random(1, 100000)
        local body = string.format(
            '{"title":"%s","group_id":"%s","description":"About the %s %s for the %s team.","priority":"%s","status":"%s","due_date":"2026-%02d-%02d"}',
            title, pick(groups), pick(words), pick(words), pick(words), pick(priorities), pick(statuses),
            math.random(1, 12), math.random(1, 28))
        return wrk.format("POST", "/api/v1/tasks", headers, body)
    elseif mode == "search" then
        return wrk.format("GET", "/api/v1/search?q=" .. pick(words) .. "&limit=20", headers)
    else
        return wrk.format("GET", "/api/v1/tasks?group_id=" .. pick(groups) .. "&status=todo,in_progress&limit=20", headers)
    end
end
