import {
  type CassetteEntry,
  cassetteHeader,
  domesticInquireBalance,
  type InputIssue,
  KisfoInputError,
  koreaDate,
  overseasMarginDetail,
  parseCassette,
} from '@kisfo/protocol';

/** One complete domestic balance inquiry as KIS answered it: every page's rows, one summary. */
export interface BalanceAnswer {
  /** `CANO-ACNT_PRDT_CD`. */
  account: string;
  mgnaDvsn: '01' | '02';
  exccStatCd: '1' | '2';
  /** Every `output1` row of every page, wire strings. */
  output1: Record<string, string>[];
  /** `output2` (the same on every page), wire strings. */
  output2: Record<string, string>;
}

/** One margin-detail answer (one account, view and date), wire strings. */
export interface MarginDetailAnswer {
  account: string;
  crcyCd: string;
  inqrDt: string;
  output: Record<string, string>;
}

/**
 * KIS's answers to both inquiries: what `kisfo scenario from-kis` and `kisfo reconcile` read,
 * from a cassette or from a JSON file of this shape (saved answers).
 *
 * @example
 * ```json
 * { "businessDate": "20250320",
 *   "balances": [{ "account": "80012345-03", "mgnaDvsn": "01", "exccStatCd": "1", "output1": [], "output2": {} }],
 *   "marginDetails": [{ "account": "12345678-08", "crcyCd": "TKR", "inqrDt": "20250320", "output": {} }] }
 * ```
 */
export interface KisAnswers {
  /** The business date the answers are of (YYYYMMDD); default: from the margin detail or the recording time. */
  businessDate?: string;
  balances: BalanceAnswer[];
  marginDetails: MarginDetailAnswer[];
}

/**
 * Answers that cannot be read (the message says what and where): the cassette's issues
 * (`line N`), or one issue of the document as a whole (`$`).
 */
export class AnswersError extends KisfoInputError {
  override readonly name = 'AnswersError';
  constructor(message: string, issues: readonly InputIssue[] = [{ path: '$', message }]) {
    super(issues, message);
  }
}

const BALANCE_PATH = domesticInquireBalance.path;
const MARGIN_PATH = overseasMarginDetail.path;

function query(e: CassetteEntry): Record<string, string> {
  return Object.fromEntries(e.request.query.map(([n, v]) => [n, v]));
}

function body(e: CassetteEntry): Record<string, unknown> | undefined {
  if (e.response.bodyEncoding === 'base64') return undefined;
  try {
    const v = JSON.parse(e.response.body) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The answers a cassette holds: each complete balance inquiry (a first page, then its
 * continuation pages up to the last, `tr_cont` D/E) and each successful margin detail. When an
 * inquiry was made several times, the last complete one counts. Failures are skipped.
 *
 * @example
 * ```ts
 * const answers = answersFromCassette(parseCassette(readFileSync('kis.jsonl', 'utf8')));
 * ```
 */
export function answersFromCassette(entries: readonly CassetteEntry[]): KisAnswers {
  const balances = new Map<string, BalanceAnswer>();
  const margins = new Map<string, MarginDetailAnswer>();
  let open: { key: string; answer: BalanceAnswer } | undefined;
  let firstRecorded: string | undefined;
  for (const e of entries) {
    const b = body(e);
    if (b === undefined || b.rt_cd !== '0') continue;
    firstRecorded ??= e.recordedAt;
    const q = query(e);
    const account = `${q.CANO ?? ''}-${q.ACNT_PRDT_CD ?? ''}`;
    if (e.request.path === BALANCE_PATH) {
      const mgnaDvsn = q.MGNA_DVSN === '02' ? '02' : '01';
      const exccStatCd = q.EXCC_STAT_CD === '2' ? '2' : '1';
      const key = `${account}|${mgnaDvsn}|${exccStatCd}`;
      const rows = Array.isArray(b.output1) ? (b.output1 as Record<string, string>[]) : [];
      const continuation = (e.request.headers.tr_cont ?? '').trim() === 'N';
      if (!continuation) {
        open = {
          key,
          answer: {
            account,
            mgnaDvsn,
            exccStatCd,
            output1: [...rows],
            // Some KIS inquiries send output2 as a one-element list; take the object either way.
            output2: (Array.isArray(b.output2)
              ? (b.output2[0] ?? {})
              : (b.output2 ?? {})) as Record<string, string>,
          },
        };
      } else if (open?.key === key) {
        open.answer.output1.push(...rows);
      } else continue;
      const more = cassetteHeader(e.response.headers, 'tr_cont');
      if (open !== undefined && more !== 'M' && more !== 'F') {
        balances.set(open.key, open.answer);
        open = undefined;
      }
    } else if (e.request.path === MARGIN_PATH && typeof b.output === 'object') {
      const crcyCd = q.CRCY_CD ?? '';
      const inqrDt = q.INQR_DT ?? '';
      margins.set(`${account}|${crcyCd}|${inqrDt}`, {
        account,
        crcyCd,
        inqrDt,
        output: b.output as Record<string, string>,
      });
    }
  }
  const out: KisAnswers = {
    balances: [...balances.values()],
    marginDetails: [...margins.values()],
  };
  const dates = out.marginDetails.map((m) => m.inqrDt).sort();
  const bd =
    dates.at(-1) ??
    (firstRecorded === undefined ? undefined : koreaDate(Date.parse(firstRecorded)));
  if (bd !== undefined) out.businessDate = bd;
  return out;
}

/**
 * Read answers from a file's text: a cassette (JSON lines of exchanges) or a saved-answers JSON
 * document ({@link KisAnswers}).
 *
 * @throws AnswersError when it is neither, or holds no answer at all.
 */
export function parseAnswers(text: string): KisAnswers {
  const trimmed = text.trimStart();
  let answers: KisAnswers;
  if (trimmed.startsWith('{') && !trimmed.startsWith('{"v":')) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new AnswersError(`not JSON: ${(e as Error).message}`);
    }
    const a = v as Partial<KisAnswers>;
    if (!Array.isArray(a.balances ?? []) || !Array.isArray(a.marginDetails ?? []))
      throw new AnswersError('expected { balances: [...], marginDetails: [...] }');
    answers = { ...a, balances: a.balances ?? [], marginDetails: a.marginDetails ?? [] };
  } else {
    try {
      answers = answersFromCassette(parseCassette(text));
    } catch (e) {
      const issues = e instanceof KisfoInputError ? e.issues : undefined;
      throw new AnswersError((e as Error).message, issues);
    }
  }
  if (answers.balances.length === 0 && answers.marginDetails.length === 0)
    throw new AnswersError('no successful balance or margin-detail answer in it');
  return answers;
}
