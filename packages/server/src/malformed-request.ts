import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { envelopeFor } from '@kisfo/protocol';

/** The statuses of a request refused before any route sees it. */
export type MalformedStatus = 400 | 408 | 431;

/** The body (and its content type) a listener answers a malformed request with. */
export type MalformedRequestAnswer = (status: MalformedStatus) => {
  contentType: string;
  body: string;
};

const DETAIL: Readonly<Record<MalformedStatus, string>> = {
  400: 'ERROR INVALID INPUT: malformed HTTP request',
  408: 'ERROR INVALID INPUT: request not received in time',
  431: 'ERROR INVALID INPUT: request headers too large',
};

const REASON: Readonly<Record<MalformedStatus, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * A KIS host's answer to a request it cannot parse (a bad header, a missing or invalid `Host`,
 * headers over Node's limit): the envelope `OPSQ2001` naming what is wrong, as every refusal of
 * a KIS host is, instead of Node's bodiless `400 Bad Request`.
 *
 * @example
 * ```ts
 * kisMalformedRequestAnswer(431).body; // '{"rt_cd":"2","msg_cd":"OPSQ2001","msg1":"ERROR INVALID INPUT: request headers too large   …"}'
 * ```
 */
export const kisMalformedRequestAnswer: MalformedRequestAnswer = (status) => ({
  // KIS's content type (the HTTP side's JSON_CONTENT_TYPE; this module is shared with replay).
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(envelopeFor('OPSQ2001', DETAIL[status])),
});

/** The status Node would answer a parser error with. */
function statusOf(code: string | undefined): MalformedStatus {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Answer the requests Node's parser refuses (`clientError`) with `answer` instead of Node's bare
 * status line, under the same guard Node uses: only while nothing of a response has been written
 * to the socket; a reset socket is simply closed.
 *
 * @example
 * ```ts
 * answerClientErrors(server, kisMalformedRequestAnswer);
 * ```
 */
export function answerClientErrors(server: Server, answer: MalformedRequestAnswer): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
      socket.destroy();
      return;
    }
    const status = statusOf(err.code);
    const { contentType, body } = answer(status);
    const head = [
      `HTTP/1.1 ${status} ${REASON[status]}`,
      `Content-Type: ${contentType}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}

/**
 * The answer, as a Fetch response, to a request the adapter cannot turn into one (no `Host`, an
 * invalid `Host` or request target): `answer(400)`.
 */
export function malformedRequestResponse(answer: MalformedRequestAnswer): Response {
  const { contentType, body } = answer(400);
  return new Response(body, { status: 400, headers: { 'content-type': contentType } });
}
