-- Headless Neovim against magicc lsp: opens a program with a mistake and
-- checks the diagnostic, a hover and a go-to-definition. Run by
-- editors/neovim/test/run.sh; prints "ok: ..." lines, exits non-zero on failure.
local function fail(msg)
  io.stdout:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  require('magicc').setup({ cmd = { os.getenv('MAGICC'), 'lsp', '--debounce-ms', '20' } })
  vim.cmd('edit ' .. os.getenv('PROGRAM'))
  local buf = vim.api.nvim_get_current_buf()
  if not vim.wait(5000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 20) then
    return fail('the client did not attach')
  end

  -- The diagnostic for the misspelt node.
  local found = vim.wait(5000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  if not found then return fail('no diagnostics') end
  local d = vim.diagnostic.get(buf)[1]
  if not d.message:find("make_cofee", 1, true) then return fail('diagnostic: ' .. d.message) end
  io.stdout:write(string.format('ok: diagnostic at %d:%d: %s\n', d.lnum + 1, d.col + 1, d.message))

  -- Hover and definition on `get_up` in `item make_breakfast { depends: get_up }`.
  local line = 7
  local col = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]:find('get_up', 1, true)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
  local text
  for _, r in pairs(hover or {}) do
    if r.result then text = r.result.contents.value end
  end
  if not text or not text:find('item get_up', 1, true) then return fail('hover: ' .. tostring(text)) end
  io.stdout:write('ok: hover says item get_up\n')

  local def = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, 5000)
  local target
  for _, r in pairs(def or {}) do
    if r.result and r.result[1] then target = r.result[1] end
  end
  if not target or target.range.start.line ~= 6 then return fail('definition: ' .. vim.inspect(target)) end
  io.stdout:write(string.format('ok: definition at line %d\n', target.range.start.line + 1))
end)
if not ok then fail(tostring(err)) end
vim.cmd('qall!')
