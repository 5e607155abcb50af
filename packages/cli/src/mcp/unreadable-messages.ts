import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/** JSON-RPC 2.0's error for a line that cannot be read as a message, or `undefined`. */
function replyTo(error: unknown): { code: number; message: string } | undefined {
  if (error instanceof SyntaxError) return { code: -32700, message: 'Parse error: not JSON' };
  if (error instanceof Error && error.name === 'ZodError') {
    return { code: -32600, message: 'Invalid Request: not a JSON-RPC 2.0 message' };
  }
  return undefined;
}

/**
 * Answer a line that is not JSON (`-32700`) or not a JSON-RPC message (`-32600`) with JSON-RPC's
 * error response (`id: null`), as the HTTP transport does. The SDK's stdio transport only reports
 * such a line to `onerror`, so a client that sent one would wait for an answer forever. Call
 * after `server.connect(transport)`, which sets the `onerror` this wraps.
 *
 * @example
 * ```ts
 * await server.connect(transport);
 * answerUnreadableMessages(transport);
 * ```
 */
export function answerUnreadableMessages(transport: Transport): void {
  const reported = transport.onerror;
  transport.onerror = (error) => {
    const reply = replyTo(error);
    if (reply !== undefined) {
      // `id: null` is what JSON-RPC 2.0 answers when the request's id could not be read.
      const message = { jsonrpc: '2.0', id: null, error: reply };
      void transport.send(message as never).catch(() => undefined);
    }
    reported?.(error);
  };
}
