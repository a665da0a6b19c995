-- Headless Neovim (its built-in LSP client) against magicc lsp, one check per
-- feature of docs/lsp.md, on the workspace run.sh makes: main.mm (a misspelt
-- dependency, an unformatted line) imports lib.mm; hosts.yaml has three web
-- hosts. Prints "ok: ..." lines; the first failure prints "FAIL: ..." and
-- exits non-zero.
local function fail(msg)
  io.stdout:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end
local function ok(msg) io.stdout:write('ok: ' .. msg .. '\n') end
local function expect(cond, what, got)
  if not cond then error(what .. ': ' .. vim.inspect(got), 0) end
end

local buf
local function request(method, params)
  local answers, err = vim.lsp.buf_request_sync(buf, method, params, 5000)
  if not answers then error(method .. ': ' .. tostring(err), 0) end
  for _, r in pairs(answers) do
    if r.err or r.error then error(method .. ': ' .. vim.inspect(r.err or r.error), 0) end
    return r.result
  end
  error(method .. ': no answer', 0)
end
-- The position of the first `text` on 1-based `line` (+ `shift` characters).
local function at(line, text, shift)
  local l = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
  local col = l:find(text, 1, true)
  if not col then error('no ' .. text .. ' on line ' .. line .. ': ' .. l, 0) end
  return {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line - 1, character = col - 1 + (shift or 0) },
  }
end
local function doc() return { textDocument = { uri = vim.uri_from_bufnr(buf) } } end
local function hoverText(params)
  local h = request('textDocument/hover', params)
  return h and h.contents and (h.contents.value or h.contents) or ''
end

local passed, err = pcall(function()
  require('magicc').setup({ cmd = { os.getenv('MAGICC'), 'lsp', '--debounce-ms', '20' } })
  local dir = os.getenv('WORKSPACE')
  vim.cmd('edit ' .. dir .. '/main.mm')
  buf = vim.api.nvim_get_current_buf()
  expect(vim.wait(5000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 20),
    'the client did not attach', nil)

  -- Diagnostics from the checker.
  expect(vim.wait(5000, function() return #vim.diagnostic.get(buf) > 0 end, 20), 'no diagnostics', nil)
  local d = vim.diagnostic.get(buf)[1]
  expect(d.message:find("'bsae'", 1, true), 'diagnostic', d.message)
  ok(string.format('diagnostic at %d:%d: %s', d.lnum + 1, d.col + 1, d.message))

  -- Code action: the checker's fix-it as a quick fix.
  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local actions = request('textDocument/codeAction',
    { textDocument = doc().textDocument, range = range, context = { diagnostics = {} } })
  local fix = actions and actions[1]
  expect(fix and fix.kind == 'quickfix' and fix.edit, 'code action', actions)
  ok('code action: ' .. fix.title)

  -- Hover: a node's doc comment across the import, a param's type and
  -- default, an on: selector's hosts from the inventory.
  local text = hoverText(at(7, 'base'))
  expect(text:find('item base', 1, true) and text:find('The base every host gets', 1, true), 'hover base', text)
  text = hoverText(at(8, 'workers'))
  expect(text:find('int', 1, true) and text:find('4', 1, true), 'hover param', text)
  text = hoverText(at(14, 'web'))
  expect(text:find('3 of 3 inventory hosts', 1, true), 'hover on:', text)
  ok('hover: doc comment, param type and default, on: matches 3 hosts')

  -- Definition and declaration across the import.
  for _, method in ipairs({ 'textDocument/definition', 'textDocument/declaration' }) do
    local loc = request(method, at(7, 'base'))
    loc = loc and (loc[1] or loc)
    expect(loc and loc.uri:find('lib.mm$') and loc.range.start.line == 1, method, loc)
  end
  ok('definition and declaration in lib.mm line 2')

  -- References (lib.mm's declaration, two uses here) and document highlight.
  local refs = request('textDocument/references',
    vim.tbl_extend('force', at(7, 'base'), { context = { includeDeclaration = true } }))
  expect(refs and #refs == 3, 'references', refs)
  local highlights = request('textDocument/documentHighlight', at(5, 'workers'))
  expect(highlights and #highlights == 2, 'document highlight', highlights)
  ok('references: 3, document highlight: 2')

  -- Completion after `depends: ` on half-typed input.
  vim.api.nvim_buf_set_lines(buf, 19, 19, false, { 'item half { depends: ' })
  local items = request('textDocument/completion', at(20, 'depends: ', 9))
  items = items and (items.items or items) or {}
  local labels = {}
  for _, i in ipairs(items) do labels[i.label] = true end
  expect(labels.base and labels.web and labels.conf, 'completion', vim.tbl_keys(labels))
  vim.api.nvim_buf_set_lines(buf, 19, 20, false, {})
  ok('completion offers base, web, conf')

  -- Symbols: the pipeline with its stage nested; the workspace's.
  local symbols = request('textDocument/documentSymbol', doc())
  local nested
  for _, s in ipairs(symbols or {}) do
    if s.name == 'release' and s.children and s.children[1] and s.children[1].name == 'deploy' then nested = true end
  end
  expect(nested, 'document symbols', symbols)
  local found = request('workspace/symbol', { query = 'bas' })
  expect(found and #found >= 1 and found[1].name == 'base', 'workspace symbols', found)
  ok('document symbols nest deploy in release; workspace symbol base')

  -- Folding ranges, semantic tokens (full, then delta), inlay hints, code lens.
  local folds = request('textDocument/foldingRange', doc())
  expect(folds and #folds >= 3, 'folding ranges', folds)
  local tokens = request('textDocument/semanticTokens/full', doc())
  expect(tokens and #tokens.data > 0 and tokens.resultId, 'semantic tokens', tokens)
  local delta = request('textDocument/semanticTokens/full/delta',
    { textDocument = doc().textDocument, previousResultId = tokens.resultId })
  expect(delta and (delta.edits or delta.data), 'semantic tokens delta', delta)
  local hints = request('textDocument/inlayHint', { textDocument = doc().textDocument,
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 30, character = 0 } } })
  expect(hints and #hints >= 1, 'inlay hints', hints)
  local lenses = request('textDocument/codeLens', doc())
  expect(lenses and lenses[1] and lenses[1].command.title:find('3 hosts', 1, true), 'code lens', lenses)
  ok(string.format('%d folds, %d token ints, delta, %d inlay hints, lens "%s"', #folds, #tokens.data,
    #hints, lenses[1].command.title))

  -- Formatting: the range first (line 19 only), then the document.
  local edits = request('textDocument/rangeFormatting', { textDocument = doc().textDocument,
    range = { start = { line = 18, character = 0 }, ['end'] = { line = 18, character = 30 } },
    options = { tabSize = 2, insertSpaces = true } })
  expect(edits and #edits >= 1, 'range formatting', edits)
  vim.lsp.util.apply_text_edits(edits, buf, 'utf-16')
  local line = vim.api.nvim_buf_get_lines(buf, 18, 19, false)[1]
  expect(line == 'item loose { depends: base }', 'range formatting result', line)
  edits = request('textDocument/formatting', { textDocument = doc().textDocument,
    options = { tabSize = 2, insertSpaces = true } })
  expect(edits ~= nil, 'formatting', edits)
  ok('range formatting and formatting')

  -- Rename across the import: prepare, then the edit for both files.
  local prepared = request('textDocument/prepareRename', at(7, 'base'))
  expect(prepared and (prepared.placeholder == 'base' or prepared.start), 'prepareRename', prepared)
  local edit = request('textDocument/rename', vim.tbl_extend('force', at(7, 'base'), { newName = 'core' }))
  local files = {}
  for uri, _ in pairs(edit.changes or {}) do files[#files + 1] = vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t') end
  table.sort(files)
  expect(table.concat(files, ',') == 'lib.mm,main.mm', 'rename', edit)
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  expect(vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1]:find('core', 1, true), 'rename applied', nil)
  ok('rename base -> core in lib.mm and main.mm')
end)
if not passed then fail(tostring(err)) end
vim.cmd('qall!')
