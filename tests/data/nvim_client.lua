-- Neovim's own LSP client driving `cablelint server`, run headless by
-- tests/test_editor_nvim.py:  nvim --headless -u init.lua -i NONE -n -c 'luafile nvim_client.lua'
-- The client is started as the README's Neovim configuration starts it: the test
-- passes that block as init.lua (-u). The spec (JSON, path in $CABLELINT_NVIM_SPEC)
-- names the documents: doc; then, when spec.edit is given, the edit, Fix all and
-- the document spec.configured. What the editor saw is written as JSON to
-- spec.out, then Neovim quits (exit 1 on an error).

local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv("CABLELINT_NVIM_SPEC")), "\n"))
local timeout = spec.timeout_ms
local out = { nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch) }

-- every publishDiagnostics, counted per document, with the version it names
local published = {}
local function on_publish(err, result, ctx, config)
  vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
  local seen = published[result.uri] or { count = 0 }
  seen.count = seen.count + 1
  seen.version = result.version
  published[result.uri] = seen
end

local messages = {}
local function on_message(_, result)
  table.insert(messages, result.message)
end

vim.lsp.handlers["textDocument/publishDiagnostics"] = on_publish
vim.lsp.handlers["window/showMessage"] = on_message
vim.lsp.handlers["window/logMessage"] = on_message

local function clients(bufnr)
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  if bufnr == nil then
    return vim.lsp.get_active_clients()
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

local function client_of(bufnr)
  local found = nil
  vim.wait(timeout, function()
    for _, client in ipairs(clients(bufnr)) do
      if client.name == "cablelint" then
        found = client
        return true
      end
    end
    return false
  end, 20)
  assert(found, "no cablelint client attached to " .. vim.api.nvim_buf_get_name(bufnr))
  return found
end

local function wait_publish(uri, count, version)
  local ok = vim.wait(timeout, function()
    local seen = published[uri]
    return seen ~= nil and seen.count >= count and (version == nil or seen.version == version)
  end, 20)
  assert(ok, "no diagnostics for " .. uri .. " (published: " .. vim.inspect(published[uri]) .. ", messages: " .. vim.inspect(messages) .. ")")
end

local function diagnostics(bufnr)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(got, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code,
      source = d.source,
      message = d.message,
    })
  end
  table.sort(got, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    if a.col ~= b.col then
      return a.col < b.col
    end
    return a.code < b.code
  end)
  return got
end

local function buffer_text(bufnr)
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  if vim.bo[bufnr].eol then
    text = text .. "\n"
  end
  return text
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_of(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  wait_publish(uri, 1)
  return bufnr, uri, client
end

local function run()
  -- 1. the cable as opened: the diagnostics of the first lint
  local bufnr, uri, client = open(spec.doc)
  out.opened = diagnostics(bufnr)
  out.offset_encoding = client.offset_encoding

  if spec.edit == nil then
    out.messages = messages
    return
  end

  -- 2. an edit: linted again after the server's quiet time, for the new version
  local before = published[uri].count
  vim.api.nvim_buf_set_lines(bufnr, spec.edit.line, spec.edit.line + 1, false, { spec.edit.text })
  local version = vim.lsp.util.buf_versions[bufnr]
  wait_publish(uri, before + 1, version)
  out.edited_version = version
  out.edited = diagnostics(bufnr)
  out.edited_text = buffer_text(bufnr)

  -- 3. Fix all, asked for as :lua vim.lsp.buf.code_action() asks, and applied
  local params = {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
    context = { diagnostics = {}, only = { "source.fixAll" } },
  }
  local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout)
  assert(answers and answers[client.id], "no answer to textDocument/codeAction")
  assert(not answers[client.id].err, vim.inspect(answers[client.id].err))
  local actions = answers[client.id].result or {}
  out.actions = {}
  for _, action in ipairs(actions) do
    table.insert(out.actions, { title = action.title, kind = action.kind })
  end
  assert(#actions == 1, "expected one fix-all action, got " .. vim.inspect(actions))
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  out.fixed_text = buffer_text(bufnr)

  -- 4. a second cable, in a folder with a configuration file above it
  local other = open(spec.configured)
  out.configured = diagnostics(other)
  out.messages = messages
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  out.error = err
end
vim.fn.writefile({ vim.fn.json_encode(out) }, spec.out)
vim.lsp.stop_client(clients(nil))
vim.wait(2000, function()
  return #clients(nil) == 0
end, 20)
if ok then
  vim.cmd("qall!")
else
  vim.cmd("cquit 1")
end
