import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDecimal } from '@kisfo/protocol';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN } from './cli-helpers.js';

/** An MCP client connected to a `kisfo mcp` child over stdio, and everything the child logged. */
export interface McpSession {
  client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/** Spawn the real `kisfo mcp …` binary and connect the SDK's own client to it over stdio. */
export async function connectStdio(args: string[], env: NodeJS.ProcessEnv): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    env: env as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const client = new Client({ name: 'kisfo-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** An SDK value as plain JSON the way a reader would: decimals as their exact text. */
export function plain(value: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isDecimal(v) ? v.toString() : v]),
  );
}

/** Every access token the child stored in its token directory. */
export function storedTokens(tokenDir: string): string[] {
  const tokens: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(tokenDir, { recursive: true }).map(String);
  } catch {
    return tokens;
  }
  for (const f of files) {
    let text = '';
    try {
      text = readFileSync(join(tokenDir, f), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g)) tokens.push(m[0]);
  }
  return tokens;
}

/** What a `tools/call` answers, as the tests read it. */
export type CallResult = {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
};
