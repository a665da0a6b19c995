// The magic extension: starts `magicc lsp` on stdio for .mm files
// (docs/lsp.md). Settings: magic.server.path, .inventories, .debounceMs.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('magic.server');
  const command = config.get('path', 'magicc');
  const args = ['lsp', '--debounce-ms', String(config.get('debounceMs', 150))];
  const server = { command, args };
  client = new LanguageClient(
    'magic',
    'magic (magicc lsp)',
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: 'file', language: 'magic' }],
      initializationOptions: { inventories: config.get('inventories', []) },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
