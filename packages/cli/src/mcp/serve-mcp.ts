import { listen } from '@kisfo/server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { registerKisfoTools, type ToolDeps } from './tools.js';
import { answerUnreadableMessages } from './unreadable-messages.js';

const SERVER_INFO = { name: 'kisfo', version: '0.1.0' } as const;

const INSTRUCTIONS =
  'Read-only tools over a KIS futures & options account (or a kisfo server): balances, the overseas margin detail, margin what-if from the engines, field explanations and balance identity checks. Numbers are exact decimal strings; never round them. Nothing here places orders. / KIS 선물옵션 계좌 조회 전용 도구: 잔고, 해외 증거금상세, 가상 포지션 증거금, 필드 설명, 잔고 항등식 점검. 숫자는 정확한 십진 문자열입니다. 주문 기능은 없습니다.';

/** An MCP server with kisfo's tools registered. */
export function createKisfoMcpServer(deps: ToolDeps): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });
  registerKisfoTools(server, deps);
  return server;
}

/**
 * Serve the tools over stdio until the client closes stdin or `signal` aborts. Only protocol
 * messages go to stdout; log lines go to `deps.log`.
 */
export async function serveStdio(deps: ToolDeps, signal: AbortSignal): Promise<void> {
  const server = createKisfoMcpServer(deps);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.connect(transport);
  answerUnreadableMessages(transport);
  deps.log('serving over stdio');
  await closed;
  await server.close();
}

/**
 * Serve the tools over streamable HTTP at `http://HOST:PORT/mcp` on a loopback address, stateless
 * (a fresh server per request, JSON responses), with Host-header checks against DNS rebinding.
 * Resolves with the URL once listening; `closed` settles when `signal` aborts and the socket is shut.
 */
export async function serveHttp(
  deps: ToolDeps,
  options: { host: string; port: number; signal: AbortSignal },
): Promise<{ url: string; closed: Promise<void> }> {
  let allowedHosts: string[] = [];
  const handler = {
    fetch: async (req: Request): Promise<Response> => {
      const path = new URL(req.url).pathname;
      if (path !== '/mcp') {
        return Response.json({ error: 'not found: the MCP endpoint is /mcp' }, { status: 404 });
      }
      const server = createKisfoMcpServer(deps);
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
        enableDnsRebindingProtection: true,
        allowedHosts,
      });
      await server.connect(transport);
      try {
        return await transport.handleRequest(req);
      } finally {
        // JSON responses are complete once returned, so the per-request server can go.
        void server.close();
      }
    },
  };
  const listener = await listen(handler, { host: options.host, port: options.port });
  const port = new URL(listener.url).port;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const url = `${listener.url}/mcp`;
  deps.log(`serving streamable HTTP on ${url}`);
  const closed = new Promise<void>((resolve) => {
    options.signal.addEventListener('abort', () => void listener.close().then(resolve), {
      once: true,
    });
  });
  return { url, closed };
}
