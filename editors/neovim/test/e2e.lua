-- End-to-end check: Neovim (headless) runs the recipe in lua/surveylint.lua
-- against the real server, opens a Dutch questionnaire and compares the
-- diagnostics it received with the expected rules and exact ranges.
-- Run by .ci/editors-neovim.sh:
--   SURVEYLINT_LSP=target/debug/surveylint-lsp nvim --headless -u NONE -i NONE -c 'luafile editors/neovim/test/e2e.lua'

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
vim.opt.runtimepath:append(vim.fn.fnamemodify(here, ':h'))
vim.cmd('filetype on')

local function finish(ok, message)
  io.stdout:write(message .. '\n')
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  vim.wait(2000, function()
    return #vim.lsp.get_active_clients() == 0
  end, 50)
  vim.cmd(ok and 'qall!' or 'cquit 1')
end

local function main()
  local server = os.getenv('SURVEYLINT_LSP')
  if not server or vim.fn.executable(server) ~= 1 then
    finish(false, 'FAIL: set SURVEYLINT_LSP to the surveylint-lsp binary')
  end

  -- Keep the raw protocol ranges too: Neovim stores only byte columns.
  local raw_ranges = {}
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    raw_ranges = {}
    for _, diagnostic in ipairs((result and result.diagnostics) or {}) do
      raw_ranges[diagnostic.range.start.line .. ':' .. tostring(diagnostic.code)] = diagnostic.range
    end
    return publish(err, result, ctx, config)
  end

  require('surveylint').setup({ cmd = { server } })
  vim.cmd('edit ' .. vim.fn.fnameescape(here .. '/workspace/enquete.txt'))
  local buf = vim.api.nvim_get_current_buf()

  -- { rule, LSP range (UTF-16): start line, start char, end line, end char, Neovim byte columns: start, end }
  local expected = {
    { 'score-begging', 4, 22, 4, 46, 22, 46 },
    -- "Café-medewerker Éva": é and É are one UTF-16 unit but two bytes each.
    { 'score-begging', 6, 37, 6, 59, 39, 61 },
  }

  local arrived = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) >= #expected
  end, 50)
  if not arrived then
    finish(false, 'FAIL: expected ' .. #expected .. ' diagnostics, got ' .. #vim.diagnostic.get(buf))
  end
  -- Give a late extra diagnostic the chance to show up before comparing.
  vim.wait(300)

  local diagnostics = vim.diagnostic.get(buf)
  table.sort(diagnostics, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  local received = {}
  for _, diagnostic in ipairs(diagnostics) do
    local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp.code) or '?'
    local range = raw_ranges[diagnostic.lnum .. ':' .. tostring(code)] or { start = {}, ['end'] = {} }
    table.insert(received, {
      code,
      range.start.line,
      range.start.character,
      range['end'].line,
      range['end'].character,
      diagnostic.col,
      diagnostic.end_col,
    })
  end

  local function show(list)
    local lines = {}
    for _, item in ipairs(list) do
      table.insert(lines, table.concat(vim.tbl_map(tostring, item), ' '))
    end
    return table.concat(lines, '; ')
  end

  if show(received) ~= show(expected) then
    finish(false, 'FAIL: diagnostics differ\n  expected: ' .. show(expected) .. '\n  received: ' .. show(received))
  end

  -- Hover over the first finding explains it in Dutch.
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 4, character = 30 },
  }, 5000)
  local hover_text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then
      hover_text = response.result.contents.value or ''
    end
  end
  if not hover_text:find('**Waarom**', 1, true) then
    finish(false, 'FAIL: hover did not explain the rule: ' .. vim.inspect(hover))
  end

  finish(true, 'OK: Neovim received ' .. #received .. ' diagnostics with exact ranges: ' .. show(received))
end

local ok, problem = pcall(main)
if not ok then
  finish(false, 'FAIL: ' .. tostring(problem))
end
