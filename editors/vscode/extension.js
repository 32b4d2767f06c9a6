// The podlint extension starts `podlint lsp` for Markdown and JSON files:
// the server does the work, this only tells VS Code how to reach it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const command = vscode.workspace.getConfiguration("podlint").get("path", "podlint");
  client = new LanguageClient(
    "podlint",
    "podlint",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "json" },
        { scheme: "untitled", language: "markdown" },
        { scheme: "untitled", language: "json" },
      ],
      // Settings changes are sent to the server ("podlint" section); it
      // also asks for them (workspace/configuration) and watches config
      // files itself.
      synchronize: { configurationSection: "podlint" },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
