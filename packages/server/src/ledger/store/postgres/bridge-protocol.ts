import type { MessagePort } from 'node:worker_threads';

/** One SQL statement with its parameters; `name` makes it a prepared statement. */
export interface SqlStatement {
  text: string;
  values?: readonly unknown[];
  name?: string;
}

/** What the worker is started with. */
export interface BridgeWorkerData {
  url: string;
  /** Shared Int32 the worker sets to 1 (and notifies) when a reply is posted. */
  flag: SharedArrayBuffer;
  port: MessagePort;
  applicationName: string;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

/** A batch of statements run pipelined, in order; or the request to close. */
export interface BridgeRequest {
  /** Echoed in the reply. */
  id: number;
  stmts: SqlStatement[];
  close?: boolean;
}

/** Rows of every statement, or the first error. */
export type BridgeReply =
  | { id: number; ok: true; results: Record<string, unknown>[][] }
  | {
      id: number;
      ok: false;
      error: { message: string; code?: string; detail?: string; constraint?: string };
    };
