-- magicc's language server in Neovim (0.7 or later, built-in LSP client).
-- Put this file at ~/.config/nvim/lua/magicc.lua (any lua/ on 'runtimepath') and
-- call require('magicc').setup() from init.lua; docs/editors.md explains it.
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'magicc', 'lsp' }
  vim.cmd([[autocmd BufRead,BufNewFile *.mm setfiletype magic]])
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'magic',
    callback = function(args)
      local root = vim.fs and vim.fs.dirname(args.file) or vim.fn.fnamemodify(args.file, ':p:h')
      local id = vim.lsp.start_client({
        name = 'magicc',
        cmd = cmd,
        root_dir = root,
        on_attach = opts.on_attach,
      })
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end,
  })
end

return M
