-- surveylint language server for Neovim.
--
-- Usage (init.lua):
--   require('surveylint').setup({
--     cmd = { 'surveylint-lsp' },            -- or { 'surveylint', 'server' }
--     filetypes = { 'text', 'markdown' },
--     settings = { language = 'auto', severity = { ['score-begging'] = 'error' } },
--   })
--
-- Works with Neovim 0.8+ (vim.lsp.start) and falls back to
-- vim.lsp.start_client on 0.7, which Debian 12 ships.

local M = {}

local defaults = {
  cmd = { 'surveylint-lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'surveylint.toml', '.surveylint.toml', '.git' },
  settings = {},
}

-- The nearest directory above the buffer holding a root marker; the buffer's
-- own directory when there is none, so surveylint.toml edits land next to it.
local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.loop.cwd()
  local current = dir
  while current do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(current .. '/' .. marker) then
        return current
      end
    end
    local parent = vim.fn.fnamemodify(current, ':h')
    if parent == current then
      break
    end
    current = parent
  end
  return dir
end

-- Neovim 0.7 has no vim.lsp.start: keep one client per root ourselves.
local clients_by_root = {}

local function start(bufnr, options)
  local root = find_root(bufnr, options.root_markers)
  local config = {
    name = 'surveylint',
    cmd = options.cmd,
    root_dir = root,
    -- Answered to the server's workspace/configuration request (section "surveylint").
    settings = { surveylint = options.settings },
    init_options = options.settings,
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local client_id = clients_by_root[root]
  if not client_id or not vim.lsp.get_client_by_id(client_id) then
    client_id = vim.lsp.start_client(config)
    clients_by_root[root] = client_id
  end
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  return client_id
end

--- Starts surveylint for every buffer of the configured file types.
function M.setup(user_options)
  local options = vim.tbl_deep_extend('force', defaults, user_options or {})
  local group = vim.api.nvim_create_augroup('surveylint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      start(args.buf, options)
    end,
  })
end

return M
