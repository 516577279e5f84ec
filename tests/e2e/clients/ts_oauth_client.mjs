// An MCP client built on the TypeScript SDK's OAuth support, for the authorization tests.
// Usage: node ts_oauth_client.mjs <server URL> <redirect URL> <tool> <arguments as JSON>
// It prints {"authorize": URL} when the user must sign in, reads the code from stdin, then
// prints the tool list and the tool's result as one JSON line.
import readline from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [serverUrl, redirectUrl, tool, args] = process.argv.slice(2);
let clientInformation, tokens, verifier;
const authProvider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return {
      client_name: "TypeScript SDK test client", redirect_uris: [redirectUrl], token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"], response_types: ["code"],
    };
  },
  clientInformation: () => clientInformation,
  saveClientInformation: (information) => { clientInformation = information; },
  tokens: () => tokens,
  saveTokens: (saved) => { tokens = saved; },
  redirectToAuthorization: (url) => { console.log(JSON.stringify({ authorize: url.toString() })); },
  saveCodeVerifier: (saved) => { verifier = saved; },
  codeVerifier: () => verifier,
};

const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once("line", resolve));
const connect = async () => {
  const transport = new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider });
  const client = new Client({ name: "ts-oauth-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    return { client, transport };
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    // The user signed in meanwhile: the code comes back on stdin, for the transport that asked.
    await transport.finishAuth((await nextLine()).trim());
    return null;
  }
};

const connected = (await connect()) ?? (await connect());
const listed = await connected.client.listTools();
const result = await connected.client.callTool({ name: tool, arguments: JSON.parse(args) });
console.log(JSON.stringify({ tools: listed.tools.map((t) => t.name), result, client_id: clientInformation?.client_id }));
await connected.client.close();
lines.close();
