import { Decimal } from '@kisfo/protocol';
import {
  type DomesticBalanceInput,
  type KrxPosition,
  type MarginFigures,
  type MarginWhatIf,
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
  overseasWhatIf,
} from '@kisfo/risk';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DashboardApi } from '../api.js';
import { tradeDomestic, tradeOverseas } from '../book.js';
import { HeadRow } from '../components/head-row.js';
import { Switch } from '../components/switch.js';
import { T, useText } from '../components/text.js';
import {
  domesticBookRows,
  overseasBookRows,
  overseasCode,
  parseDomesticCsv,
  parseOverseasCode,
  parseOverseasCsv,
  whatIfCsv,
} from '../csv.js';
import { formatAmount, formatPrice, signClass } from '../format.js';
import type { UiKey } from '../labels.js';
import type { DomesticData, Instrument, OverseasData, Overview } from '../types.js';
import { markReady, useData } from '../use-data.js';
import type { WhatIfReply, WhatIfRequest } from '../what-if-worker.js';
import { CURRENCY_VIEWS } from './overseas-view.js';

type Account = Overview['accounts'][number];
const FIGURES: readonly {
  key: 'initial' | 'maintenance' | 'orderable' | 'marginCall';
  label: UiKey;
}[] = [
  { key: 'initial', label: 'initial' },
  { key: 'maintenance', label: 'maintenance' },
  { key: 'orderable', label: 'orderableAmount' },
  { key: 'marginCall', label: 'marginCall' },
];

/** What-if: edit the book, see the four figures before → after, computed here by @kisfo/risk. */
export function WhatIfView({
  api,
  account,
  revision,
}: {
  api: DashboardApi;
  account: Account;
  revision: string;
}) {
  return account.kind === 'domestic' ? (
    <DomesticWhatIf api={api} id={account.id} revision={revision} />
  ) : (
    <OverseasWhatIf api={api} id={account.id} revision={revision} />
  );
}

function useInstruments(
  api: DashboardApi,
  kind: 'domestic' | 'overseas',
  revision: string,
  enabled = true,
) {
  const { data } = useData<{ instruments: Instrument[] }>(api, '/instruments', revision, enabled);
  return useMemo(() => data?.instruments.filter((i) => i.kind === kind) ?? [], [data, kind]);
}

/** The edited book: follows the ledger until the user edits it. */
function useBook<P>(initial: readonly P[] | undefined, key: string) {
  const [state, setState] = useState<
    { key: string; book: readonly P[]; dirty: boolean } | undefined
  >(undefined);
  useEffect(() => {
    if (initial === undefined) return;
    setState((s) => (s && s.key === key && s.dirty ? s : { key, book: initial, dirty: false }));
  }, [initial, key]);
  const set = (book: P[]) => setState({ key, book, dirty: true });
  const reset = () => initial && setState({ key, book: initial, dirty: false });
  const mine = state?.key === key;
  return { book: mine ? state.book : initial, dirty: mine && state.dirty, set, reset };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type FigureStrings = DomesticData['figures'];

function figuresOf(f: FigureStrings): MarginFigures {
  return {
    initial: Decimal.parse(f.initial),
    maintenance: Decimal.parse(f.maintenance),
    orderable: Decimal.parse(f.orderable),
    marginCall: Decimal.parse(f.marginCall),
  };
}

function whatIfOf(before: MarginFigures, after: MarginFigures): MarginWhatIf {
  return {
    before,
    after,
    change: {
      initial: after.initial.sub(before.initial),
      maintenance: after.maintenance.sub(before.maintenance),
      orderable: after.orderable.sub(before.orderable),
      marginCall: after.marginCall.sub(before.marginCall),
    },
  };
}

/**
 * The engine in a worker: "before" is the ledger's book as the inquiry computed it; "after" is
 * computed here (by @kisfo/risk, in the browser) for every edit, the newest edit winning.
 */
function useDomesticEngine(
  input: DomesticBalanceInput | undefined,
  before: FigureStrings | undefined,
  book: readonly KrxPosition[] | undefined,
  dirty: boolean,
) {
  const worker = useRef<Worker | undefined>(undefined);
  const seq = useRef(0);
  const [after, setAfter] = useState<
    { seq: number; figures?: FigureStrings; error?: string } | undefined
  >(undefined);
  useEffect(() => {
    const w = new Worker(new URL('../what-if-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<WhatIfReply>) => {
      if (e.data.seq === seq.current) setAfter(e.data);
    };
    worker.current = w;
    return () => w.terminate();
  }, []);
  useEffect(() => {
    seq.current++;
    if (!input || !book || !dirty) {
      setAfter(undefined);
      return;
    }
    setAfter({ seq: seq.current });
    worker.current?.postMessage({
      seq: seq.current,
      input,
      positions: [...book],
    } satisfies WhatIfRequest);
  }, [input, book, dirty]);
  return useMemo(() => {
    if (!before) return undefined;
    const b = figuresOf(before);
    if (!dirty) return { w: whatIfOf(b, b) };
    if (after?.error) return { error: after.error };
    if (!after?.figures) return { pending: true };
    return { w: whatIfOf(b, figuresOf(after.figures)) };
  }, [before, after, dirty]);
}

function DomesticWhatIf({
  api,
  id,
  revision,
}: {
  api: DashboardApi;
  id: string;
  revision: string;
}) {
  // The figures first (a small answer), then the book and the engine input.
  const head = useData<Omit<DomesticData, 'input'>>(
    api,
    `/accounts/${id}/domestic?rows=0`,
    revision,
  );
  const started = head.data !== undefined || head.error !== undefined;
  const { data } = useData<DomesticData>(api, `/accounts/${id}/domestic`, revision, started);
  const instruments = useInstruments(api, 'domestic', revision, started);
  const input: DomesticBalanceInput | undefined = data?.input;
  const { book, dirty, set, reset } = useBook<KrxPosition>(input?.account.positions, id);
  const [csvError, setCsvError] = useState<string | undefined>(undefined);
  const [side, setSide] = useState<'long' | 'short'>('long');
  const calc = useDomesticEngine(input, data?.figures ?? head.data?.figures, book, dirty);
  useEffect(() => {
    if (calc?.w) markReady('what-if');
  }, [calc]);
  if (!calc) return <T k="loading" />;
  return (
    <section class="view what-if" aria-labelledby="wi-h" data-testid="what-if">
      <h1 id="wi-h">
        <T k="whatIf" /> · {id}
      </h1>
      <Figures
        calc={calc}
        decimals={0}
        onCheck={() =>
          book === undefined
            ? Promise.reject(new Error('the book is still loading'))
            : api.post(`/accounts/${id}/what-if`, { positions: book })
        }
      />
      {!input || !book ? (
        <p>
          <T k="loading" />
        </p>
      ) : (
        <div class="two">
          <section aria-label="book">
            <table class="data" data-testid="book">
              <caption>
                <T k="positions" /> ({book.length})
              </caption>
              <HeadRow
                cells={[
                  'pdno',
                  'side',
                  { k: 'quantity', numeric: true },
                  { k: 'price', numeric: true },
                  { k: 'remove', hidden: true },
                ]}
              />
              <tbody>
                {book.slice(0, 200).map((p, i) => (
                  <tr key={`${p.pdno}|${p.side}`} data-key={`${p.pdno}|${p.side}`}>
                    <td>{p.pdno}</td>
                    <td>
                      <T k={p.side} />
                    </td>
                    <td class="num">
                      <input
                        type="number"
                        min={1}
                        step={1}
                        value={p.qty}
                        aria-label={`${p.pdno} qty`}
                        data-testid={`qty-${p.pdno}`}
                        onChange={(e) => {
                          const q = Number((e.currentTarget as HTMLInputElement).value);
                          if (Number.isSafeInteger(q) && q > 0)
                            set(book.map((x, j) => (j === i ? { ...x, qty: q } : x)));
                        }}
                      />
                    </td>
                    <td class="num">{formatPrice(String(p.avgPrice))}</td>
                    <td>
                      <button
                        type="button"
                        onClick={() => set(book.filter((_, j) => j !== i))}
                        data-testid={`remove-${p.pdno}`}
                      >
                        <T k="remove" />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {book.length > 200 && <p class="muted">… {book.length - 200}</p>}
          </section>
          <section aria-label="add">
            <AddForm
              instruments={instruments}
              side={side}
              onSide={setSide}
              onAdd={(code, qty, price) =>
                set(tradeDomestic(book, { pdno: code, side, qty }, price))
              }
            />
            <CsvTools
              onUpload={(text) => {
                try {
                  set(parseDomesticCsv(text));
                  setCsvError(undefined);
                } catch (e) {
                  setCsvError((e as Error).message);
                }
              }}
              onExport={() =>
                calc?.w && download(`what-if-${id}.csv`, whatIfCsv(calc.w, domesticBookRows(book)))
              }
              onReset={reset}
              error={csvError}
            />
          </section>
        </div>
      )}
    </section>
  );
}

function OverseasWhatIf({
  api,
  id,
  revision,
}: {
  api: DashboardApi;
  id: string;
  revision: string;
}) {
  const [crcyCd, setCrcy] = useState('TKR');
  const { data } = useData<OverseasData>(
    api,
    `/accounts/${id}/overseas?crcyCd=${crcyCd}`,
    revision,
  );
  const instruments = useInstruments(api, 'overseas', revision);
  const input: OverseasMarginDetailInput | undefined = data?.input;
  const { book, set, reset } = useBook<OverseasPositionInput>(input?.positions, id);
  const [side, setSide] = useState<'long' | 'short'>('long');
  const [csvError, setCsvError] = useState<string | undefined>(undefined);
  const calc = useMemo(() => {
    if (!input || !book) return undefined;
    try {
      return { w: overseasWhatIf(input, book) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [input, book]);
  useEffect(() => {
    if (calc?.w) markReady('what-if');
  }, [calc]);
  if (!input || !book || !data) return <T k="loading" />;
  return (
    <section class="view what-if" aria-labelledby="wi-h" data-testid="what-if">
      <h1 id="wi-h">
        <T k="whatIf" /> · {id}
      </h1>
      <div class="controls">
        <Switch
          label="crcyCd"
          name="wi-crcy"
          value={crcyCd}
          options={CURRENCY_VIEWS.map((v) => [v, v] as const)}
          onChange={setCrcy}
        />
      </div>
      <Figures
        calc={calc}
        decimals={data.currencyDecimals}
        onCheck={() => api.post(`/accounts/${id}/what-if`, { crcyCd, positions: book })}
      />
      <div class="two">
        <section aria-label="book">
          <table class="data" data-testid="book">
            <caption>
              <T k="positions" /> ({book.length})
            </caption>
            <HeadRow
              cells={[
                'productClass',
                { k: 'quantity', numeric: true },
                { k: 'remove', hidden: true },
              ]}
            />
            <tbody>
              {book.map((p, i) => {
                const code = overseasCode(p);
                return (
                  <tr key={code} data-key={code}>
                    <td>{code}</td>
                    <td class="num">
                      <input
                        type="number"
                        step={1}
                        value={String(p.quantity)}
                        aria-label={`${code} quantity`}
                        data-testid={`qty-${code}`}
                        onChange={(e) => {
                          const v = (e.currentTarget as HTMLInputElement).value;
                          if (/^-?\d+$/.test(v) && Number(v) !== 0)
                            set(
                              book.map((x, j) =>
                                j === i ? { ...x, quantity: String(Number(v)) } : x,
                              ),
                            );
                        }}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() => set(book.filter((_, j) => j !== i))}
                        data-testid={`remove-${code}`}
                      >
                        <T k="remove" />
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section aria-label="add">
          <AddForm
            instruments={instruments}
            side={side}
            onSide={setSide}
            onAdd={(code, qty) => {
              const ref = parseOverseasCode(code);
              if (ref)
                set(
                  tradeOverseas(book, { ...ref, quantity: String(side === 'long' ? qty : -qty) }),
                );
            }}
          />
          <CsvTools
            onUpload={(text) => {
              try {
                set(parseOverseasCsv(text));
                setCsvError(undefined);
              } catch (e) {
                setCsvError((e as Error).message);
              }
            }}
            onExport={() =>
              calc?.w && download(`what-if-${id}.csv`, whatIfCsv(calc.w, overseasBookRows(book)))
            }
            onReset={reset}
            error={csvError}
          />
        </section>
      </div>
    </section>
  );
}

function Figures({
  calc,
  decimals,
  onCheck,
}: {
  calc: { w?: MarginWhatIf; error?: string; pending?: boolean } | undefined;
  decimals: number;
  onCheck: () => Promise<unknown>;
}) {
  const [check, setCheck] = useState<'matches' | 'differs' | undefined>(undefined);
  useEffect(() => setCheck(undefined), [calc]);
  if (calc?.error)
    return (
      <p class="error" role="alert" data-testid="what-if-error">
        {calc.error}
      </p>
    );
  const w = calc?.w;
  if (calc?.pending)
    return (
      <p class="muted" role="status" data-testid="what-if-pending">
        <T k="computing" />
      </p>
    );
  if (!w) return null;
  return (
    <div class="figures">
      <table class="data figures-table" data-testid="figures">
        <caption>
          <T k="computedInBrowser" />
        </caption>
        <HeadRow
          cells={[
            'figure',
            { k: 'before', numeric: true },
            { k: 'after', numeric: true },
            { k: 'change', numeric: true },
          ]}
        />
        <tbody>
          {FIGURES.map((f) => (
            <tr key={f.key} data-key={f.key}>
              <th scope="row">
                <T k={f.label} />
              </th>
              <td class="num" data-field="before">
                {formatAmount(w.before[f.key].toString(), decimals)}
              </td>
              <td class="num" data-field="after">
                {formatAmount(w.after[f.key].toString(), decimals)}
              </td>
              <td class={`num ${signClass(w.change[f.key].toString())}`} data-field="change">
                {formatAmount(w.change[f.key].toString(), decimals)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        data-testid="check-server"
        onClick={() =>
          void onCheck().then(
            (s) => {
              const srv = s as Record<'before' | 'after', Record<string, string>>;
              const same = FIGURES.every(
                (f) =>
                  srv.after[f.key] === w.after[f.key].toString() &&
                  srv.before[f.key] === w.before[f.key].toString(),
              );
              setCheck(same ? 'matches' : 'differs');
            },
            () => setCheck(undefined),
          )
        }
      >
        <T k="checkServer" />
      </button>{' '}
      {check && (
        <span
          class={check === 'matches' ? 'ok' : 'error'}
          data-testid="check-result"
          data-result={check}
        >
          <T k={check} />
        </span>
      )}
    </div>
  );
}

function AddForm({
  instruments,
  side,
  onSide,
  onAdd,
}: {
  instruments: Instrument[];
  side: 'long' | 'short';
  onSide: (s: 'long' | 'short') => void;
  onAdd: (code: string, qty: number, price: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Instrument | undefined>(undefined);
  const [qty, setQty] = useState(1);
  const t = useText();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q === '') return [];
    return instruments
      .filter((i) => i.code.toLowerCase().includes(q) || i.name.toLowerCase().includes(q))
      .slice(0, 12);
  }, [instruments, query]);
  return (
    <form
      class="add"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked && qty > 0) onAdd(picked.code, qty, picked.price);
      }}
    >
      <h2>
        <T k="add" />
      </h2>
      <label>
        <T k="search" />
        <input
          type="search"
          value={query}
          data-testid="search"
          aria-controls="search-results"
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setPicked(undefined);
          }}
        />
      </label>
      <ul id="search-results" class="results" aria-label={t('search')}>
        {matches.map((m) => (
          <li key={m.code}>
            <button
              type="button"
              aria-pressed={picked?.code === m.code}
              data-testid={`pick-${m.code}`}
              onClick={() => {
                setPicked(m);
                setQuery(m.code);
              }}
            >
              {m.code} · {m.name} · {formatPrice(m.price)}
            </button>
          </li>
        ))}
      </ul>
      <div class="row">
        <Switch
          label="side"
          name="add-side"
          value={side}
          options={[
            ['long', 'long'],
            ['short', 'short'],
          ]}
          onChange={(v) => onSide(v as 'long')}
        />
        <label>
          <T k="quantity" />
          <input
            type="number"
            min={1}
            step={1}
            value={qty}
            data-testid="add-qty"
            onInput={(e) => setQty(Number((e.currentTarget as HTMLInputElement).value))}
          />
        </label>
        <button type="submit" disabled={!picked} data-testid="add">
          <T k="add" />
        </button>
      </div>
    </form>
  );
}

function CsvTools({
  onUpload,
  onExport,
  onReset,
  error,
}: {
  onUpload: (text: string) => void;
  onExport: () => void;
  onReset: () => void;
  error: string | undefined;
}) {
  return (
    <div class="csv">
      <label class="file">
        <T k="uploadCsv" />
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="csv-upload"
          onChange={(e) => {
            const f = (e.currentTarget as HTMLInputElement).files?.[0];
            if (f) void f.text().then(onUpload);
          }}
        />
      </label>
      <button type="button" onClick={onExport} data-testid="csv-export">
        <T k="exportCsv" />
      </button>
      <button type="button" onClick={onReset} data-testid="reset">
        <T k="reset" />
      </button>
      {error && (
        <p class="error" role="alert" data-testid="csv-error">
          {error}
        </p>
      )}
    </div>
  );
}
