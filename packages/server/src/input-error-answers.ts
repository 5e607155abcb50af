/**
 * How the server answers an input it refuses: one table from the kind of {@link KisfoInputError}
 * to KIS's message code (on the KIS routes) and to the status and `error` word of the admin and
 * dashboard JSON answers. Every route that refuses input answers through here.
 *
 * The table is keyed by the error's `name`, so the HTTP side needs no import of the ledger's
 * classes; a test checks every key is the name of a real class.
 */
import { type KisfoInputError, type KnownMsgCd, SpecError } from '@kisfo/protocol';

/** How one kind of input error is answered. */
export interface InputErrorAnswer {
  /** KIS's message code on a KIS route (`msg_cd`). */
  readonly msgCd: KnownMsgCd;
  /** HTTP status of the admin and dashboard JSON answer. */
  readonly status: 400 | 409;
  /** The `error` word of the admin and dashboard JSON answer. */
  readonly error: 'invalid input' | 'conflict';
}

/**
 * The rows where an answer differs from {@link INPUT_ERROR_DEFAULT_ANSWER}, by error name. A
 * write that contradicts the ledger is a conflict (409), not a malformed one.
 *
 * Engine input errors met while the back office answers an inquiry are not here on purpose:
 * they come from the ledger's rows, not from the request, and are answered `EGW00002`.
 */
export const INPUT_ERROR_ANSWERS: Readonly<Record<string, InputErrorAnswer>> = {
  LedgerConflictError: { msgCd: 'OPSQ2001', status: 409, error: 'conflict' },
};

/** The answer of every input error the table has no row for: KIS's `OPSQ2001`, 400. */
export const INPUT_ERROR_DEFAULT_ANSWER: InputErrorAnswer = {
  msgCd: 'OPSQ2001',
  status: 400,
  error: 'invalid input',
};

/**
 * The table's answer for an input error.
 *
 * @example
 * ```ts
 * inputErrorAnswer(new LedgerConflictError('fills.F1', 'id reused')).status; // 409
 * ```
 */
export function inputErrorAnswer(e: KisfoInputError): InputErrorAnswer {
  return INPUT_ERROR_ANSWERS[e.name] ?? INPUT_ERROR_DEFAULT_ANSWER;
}

/**
 * `msg1` for an input error, naming its first issue as KIS does: a spec field with its Korean
 * label (`CANO(종합계좌번호) must be …`), any other issue by its path.
 *
 * @example
 * ```ts
 * inputErrorMsg1(new SpecError([{ path: 'CANO', field: 'CANO', label: '종합계좌번호', problem: 'missing' }]));
 * // 'ERROR INVALID INPUT: CANO(종합계좌번호) missing'
 * ```
 */
export function inputErrorMsg1(e: KisfoInputError): string {
  if (e instanceof SpecError) {
    const { field, label, problem } = e.first;
    return `ERROR INVALID INPUT: ${field}(${label}) ${problem}`;
  }
  const { path, message } = e.issues[0]!;
  return `ERROR INVALID INPUT: ${path} ${message}`;
}

/** The admin and dashboard JSON answer of an input error: `{ error, issues: [{ path, message }] }`. */
export interface InputErrorJson {
  error: InputErrorAnswer['error'];
  issues: { path: string; message: string }[];
}

/**
 * The admin and dashboard answer for an input error: its status and `{ error, issues }` listing
 * every issue as `{ path, message }`.
 *
 * @example
 * ```ts
 * const { status, body } = inputErrorJson(new LedgerValidationError(issues));
 * return c.json(body, status); // 400 { error: 'invalid input', issues }
 * ```
 */
export function inputErrorJson(e: KisfoInputError): { status: 400 | 409; body: InputErrorJson } {
  const { status, error } = inputErrorAnswer(e);
  return {
    status,
    body: { error, issues: e.issues.map((i) => ({ path: i.path, message: i.message })) },
  };
}
