-- magicc's language server in Neovim (0.7 or later, built-in LSP client).
-- Put this file at ~/.config/nvim/lua/magicc.lua (any lua/ on 'runtimepath') and
-- call require('magicc').setup() from init.lua; docs/editors.md explains it.
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'magicc', 'lsp' }
  -- One server per workspace folder (the directory of the first file opened
  -- in it, or opts.root_dir), shared by every file under it.
  local clients = {}
  vim.cmd([[autocmd BufRead,BufNewFile *.mm setfiletype magic]])
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'magic',
    callback = function(args)
      local file = vim.api.nvim_buf_get_name(args.buf)
      local root = opts.root_dir
      if not root then
        for dir, id in pairs(clients) do
          if file:sub(1, #dir + 1) == dir .. '/' and not vim.lsp.client_is_stopped(id) then root = dir end
        end
      end
      root = root or vim.fn.fnamemodify(file, ':p:h')
      local id = clients[root]
      if not id or vim.lsp.client_is_stopped(id) then
        id = vim.lsp.start_client({
          name = 'magicc',
          cmd = cmd,
          root_dir = root,
          init_options = opts.inventories and { inventories = opts.inventories } or nil,
          on_attach = opts.on_attach,
        })
        clients[root] = id
      end
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end,
  })
end

return M
