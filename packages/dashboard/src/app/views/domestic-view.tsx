import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DashboardApi } from '../api.js';
import { Chart } from '../components/chart.js';
import { type Column, DataTable } from '../components/data-table.js';
import { HeadRow } from '../components/head-row.js';
import { Pending } from '../components/pending.js';
import { Switch } from '../components/switch.js';
import { F, T, useText } from '../components/text.js';
import { isNumericField } from '../field-format.js';
import { formatFloat, signClass } from '../format.js';
import { POSITION_FIELDS, SUMMARY_FIELDS, type UiKey } from '../labels.js';
import { type PayoffCurve, payoffCurves } from '../payoff.js';
import type { DomesticData } from '../types.js';
import { markReady, useData } from '../use-data.js';
import { formatFieldValue } from './shared.js';

/** Summary groups, in the order a trader reads them; fields not listed land in "other". */
export const SUMMARY_GROUPS: readonly { key: UiKey; fields: readonly string[] }[] = [
  { key: 'deposits', fields: ['dnca_cash', 'frcr_dncl_amt', 'dnca_sbst', 'tot_dncl_amt'] },
  {
    key: 'settlement',
    fields: [
      'tot_ccld_amt',
      'thdt_dfpa',
      'rnwl_dfpa',
      'opt_dfpa',
      'fee',
      'nxdy_dnca',
      'nxdy_dncl_amt',
      'prsm_dpast',
      'prsm_dpast_amt',
    ],
  },
  {
    key: 'margin',
    fields: [
      'cash_mgna',
      'sbst_mgna',
      'mgna_tota',
      'mmga_tot_amt',
      'mmga_cash_amt',
      'add_mgna_cash',
      'add_mgna_tota',
      'mtnc_rt',
      'isfc_amt',
    ],
  },
  {
    key: 'pnl',
    fields: [
      'futr_trad_pfls_amt',
      'opt_trad_pfls_amt',
      'trad_pfls_amt_smtl',
      'futr_evlu_pfls_amt',
      'opt_evlu_pfls_amt',
      'evlu_pfls_amt_smtl',
      'pchs_amt_smtl',
      'evlu_amt_smtl',
    ],
  },
  {
    key: 'orderable',
    fields: [
      'ord_psbl_cash',
      'ord_psbl_sbst',
      'ord_psbl_tota',
      'pprt_ord_psbl_cash',
      'wdrw_psbl_tot_amt',
    ],
  },
];

const DEFAULT_COLUMNS = [
  'shtn_pdno',
  'prdt_name',
  'sll_buy_dvsn_name',
  'cblc_qty',
  'ccld_avg_unpr1',
  'excc_unpr',
  'idx_clpr',
  'pchs_amt',
  'evlu_amt',
  'evlu_pfls_amt',
  'trad_pfls_amt',
  'lqd_psbl_qty',
];

const PNL_FIELDS = new Set(['evlu_pfls_amt', 'trad_pfls_amt']);

/** Rows of the first answer (a screenful and then some). */
const HEAD_ROWS = 60;

/** The first answer: the first rows, without the engine input; or the whole view. */
type DomesticHead = Omit<DomesticData, 'input'> & {
  input?: DomesticData['input'];
  rowCount?: number;
};

/** One domestic account: positions, grouped summary, payoff and the KRX scan per scenario. */
export function DomesticView({
  api,
  id,
  revision,
}: {
  api: DashboardApi;
  id: string;
  revision: string;
}) {
  const [mgnaDvsn, setMgna] = useState<'01' | '02'>('01');
  const [exccStatCd, setExcc] = useState<'1' | '2'>('1');
  const [shown, setShown] = useState<string[]>(DEFAULT_COLUMNS);
  const path = `/accounts/${id}/domestic?mgnaDvsn=${mgnaDvsn}&exccStatCd=${exccStatCd}`;
  // The first rows paint at once; the whole book (and the engine input) follows.
  const head = useData<DomesticHead>(api, `${path}&rows=${HEAD_ROWS}`, revision);
  const full = useData<DomesticData>(
    api,
    path,
    revision,
    head.data !== undefined || head.error !== undefined,
  );
  const fresh = full.data !== undefined && full.path === path;
  const data: DomesticHead | undefined = fresh ? full.data : (head.data ?? full.data);
  const error = full.error ?? head.error;
  const t = useText();
  useEffect(() => {
    if (data) markReady('domestic');
  }, [data]);

  const columns = useMemo<Column<Record<string, string>>[]>(
    () =>
      POSITION_FIELDS.filter((f) => shown.includes(f)).map((f) => ({
        key: f,
        header: <F name={f} />,
        numeric: isNumericField(f),
        cell: (r) => formatFieldValue(f, r[f]),
        sort: isNumericField(f) ? (r) => Number(r[f]) : (r) => r[f] ?? '',
        ...(PNL_FIELDS.has(f) ? { className: (r: Record<string, string>) => signClass(r[f]) } : {}),
      })),
    [shown],
  );

  if (!data) return <Pending error={error} />;
  const o2 = data.output2;
  const grouped = new Set(SUMMARY_GROUPS.flatMap((g) => g.fields));
  const others = SUMMARY_FIELDS.filter((f) => !grouped.has(f));
  return (
    <section aria-labelledby="dom-h" class="view">
      <h1 id="dom-h">
        <T k="domestic" /> {data.account.id} <span class="muted">{data.account.name}</span>
      </h1>
      <div class="controls">
        <Switch
          label="mgnaDvsn"
          name="mgna"
          value={mgnaDvsn}
          options={[
            ['01', 'mgna01'],
            ['02', 'mgna02'],
          ]}
          onChange={(v) => setMgna(v as '01')}
        />
        <Switch
          label="exccStatCd"
          name="excc"
          value={exccStatCd}
          options={[
            ['1', 'excc1'],
            ['2', 'excc2'],
          ]}
          onChange={(v) => setExcc(v as '1')}
        />
      </div>
      <dl class="headline" data-testid="headline">
        {(
          [
            'mgna_tota',
            'ord_psbl_tota',
            'evlu_pfls_amt_smtl',
            'add_mgna_tota',
            'tot_dncl_amt',
          ] as const
        ).map((f) => (
          <div key={f}>
            <dt>
              <F name={f} />
            </dt>
            <dd data-field={f} class={f === 'evlu_pfls_amt_smtl' ? signClass(o2[f]) : ''}>
              {formatFieldValue(f, o2[f])}
            </dd>
          </div>
        ))}
      </dl>

      <details class="columns">
        <summary>
          <T k="columns" />
        </summary>
        <fieldset>
          {POSITION_FIELDS.map((f) => (
            <label key={f}>
              <input
                type="checkbox"
                checked={shown.includes(f)}
                data-column={f}
                onChange={(e) =>
                  setShown((s) =>
                    (e.currentTarget as HTMLInputElement).checked
                      ? [...s, f]
                      : s.filter((x) => x !== f),
                  )
                }
              />
              <F name={f} />
            </label>
          ))}
        </fieldset>
      </details>
      <DataTable
        caption={
          <>
            <T k="positions" />
            {data.rowCount !== undefined && data.rowCount > data.output1.length && (
              <span class="muted" data-testid="rows-loading">
                {' '}
                {data.output1.length} / {data.rowCount.toLocaleString('en-US')} …
              </span>
            )}
          </>
        }
        columns={columns}
        rows={data.output1}
        rowKey={(r) => `${r.pdno}|${r.sll_buy_dvsn_cd}|${r.sll_buy_dvsn_name}`}
        testId="positions"
      />

      <h2>
        <T k="summary" />
      </h2>
      <div class="summary" data-testid="summary">
        {[...SUMMARY_GROUPS, { key: 'other' as UiKey, fields: others }].map(
          (g) =>
            g.fields.length > 0 && (
              <section key={g.key} class="group" aria-label={t(g.key)}>
                <h3>
                  <T k={g.key} />
                </h3>
                <dl>
                  {g.fields.map((f) => (
                    <div key={f}>
                      <dt>
                        <F name={f} />
                      </dt>
                      <dd data-field={f}>{formatFieldValue(f, o2[f])}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ),
        )}
      </div>
      <div class="charts">
        {data.input !== undefined && <Payoff data={data as DomesticData} />}
        <Scan data={data} />
      </div>
    </section>
  );
}

function Payoff({ data }: { data: DomesticData }) {
  // Repricing every option of a large book takes a moment: after the first paint, not before.
  const [curves, setCurves] = useState<PayoffCurve[]>([]);
  useEffect(() => {
    const run = () =>
      setCurves(
        payoffCurves(
          data.input,
          data.output1
            .filter((r) => Number(r.cblc_qty) > 0)
            .map((r) => ({
              pdno: r.pdno!,
              qty: (r.sll_buy_dvsn_cd === '02' ? 1 : -1) * Number(r.cblc_qty),
            })),
        ),
      );
    // When the page is idle after painting the table; a plain timeout where there is no idle callback.
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(run, 50);
    return () => clearTimeout(timer);
  }, [data]);
  const [group, setGroup] = useState(0);
  const t = useText();
  const c = curves[Math.min(group, curves.length - 1)];
  const series = useMemo(
    () =>
      c === undefined
        ? []
        : [
            { label: t('today'), values: c.today, color: '#2563eb' },
            { label: t('atExpiry'), values: c.atExpiry, color: '#d97706' },
          ],
    [c, t],
  );
  if (c === undefined) return null;
  return (
    <div class="chart-box">
      <label>
        <T k="group" />{' '}
        <select
          value={group}
          onChange={(e) => setGroup(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {curves.map((g, i) => (
            <option key={g.group} value={i}>
              {g.group}
            </option>
          ))}
        </select>
      </label>
      <Chart
        title={
          <>
            <T k="payoff" /> · {c.group} {formatFloat(c.base, 2)}
          </>
        }
        x={c.levels}
        series={series}
        xTick={(v) => formatFloat(v, 1)}
        testId="payoff-chart"
      />
    </div>
  );
}

function Scan({ data }: { data: Pick<DomesticData, 'scan'> }) {
  const [group, setGroup] = useState(0);
  const t = useText();
  const g = data.scan[Math.min(group, data.scan.length - 1)];
  const { x, series } = useMemo(() => {
    if (g === undefined) return { x: [], series: [] };
    return {
      x: g.scenarios.map((_, i) => i + 1),
      series: [
        {
          label: t('pnl'),
          values: g.scenarios.map((s, i) => (i === g.worst ? null : s.pnl)),
          color: '#64748b',
          bars: true,
        },
        {
          label: t('worst'),
          values: g.scenarios.map((s, i) => (i === g.worst ? s.pnl : null)),
          color: '#dc2626',
          bars: true,
        },
      ],
    };
  }, [g, t]);
  if (g === undefined) return null;
  return (
    <div class="chart-box">
      <label>
        <T k="group" />{' '}
        <select
          value={group}
          onChange={(e) => setGroup(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {data.scan.map((s, i) => (
            <option key={s.group} value={i}>
              {s.group}
            </option>
          ))}
        </select>
      </label>
      <Chart
        title={
          <>
            <T k="scan" /> · {g.group}
          </>
        }
        x={x}
        series={series}
        testId="scan-chart"
      />
      <p data-testid="scan-worst">
        <T k="worst" />: #{g.worst + 1} ({formatFloat(g.scenarios[g.worst]!.priceMove * 100, 2)}%,{' '}
        {g.scenarios[g.worst]!.vol}){' '}
        <span data-field="worstLoss">{formatFieldValue('mgna_tota', g.worstLoss)}</span>
      </p>
      <details>
        <summary>
          <T k="scenario" />
        </summary>
        <table class="data small" data-testid="scan-table">
          <HeadRow cells={['#', 'priceMove', 'volMove', { k: 'pnl', numeric: true }]} />
          <tbody>
            {g.scenarios.map((s, i) => (
              <tr
                key={i}
                class={i === g.worst ? 'worst' : ''}
                data-worst={i === g.worst ? 'true' : undefined}
              >
                <td>{i + 1}</td>
                <td class="num">{formatFloat(s.priceMove * 100, 2)}%</td>
                <td>{s.vol}</td>
                <td class={`num ${s.pnl < 0 ? 'neg' : ''}`}>{formatFloat(s.pnl, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
