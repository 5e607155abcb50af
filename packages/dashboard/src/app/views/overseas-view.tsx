import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DashboardApi } from '../api.js';
import { Chart } from '../components/chart.js';
import { HeadRow } from '../components/head-row.js';
import { Pending } from '../components/pending.js';
import { Switch } from '../components/switch.js';
import { F, T, useText } from '../components/text.js';
import { overseasCode } from '../csv.js';
import { formatAmount, formatFloat, formatPrice, formatQty } from '../format.js';
import { MARGIN_DETAIL_FIELDS, type UiKey } from '../labels.js';
import type { OverseasClass, OverseasData } from '../types.js';
import { markReady, useData } from '../use-data.js';
import { formatFieldValue } from './shared.js';

/** KIS's currency views of 해외선물옵션 증거금상세. */
export const CURRENCY_VIEWS = ['TKR', 'TUS', 'USD', 'HKD', 'CNY', 'JPY', 'VND'] as const;

const METHODS: readonly {
  method: 'span' | 'eurex' | 'general';
  label: UiKey;
  initial: string;
  maintenance: string;
}[] = [
  {
    method: 'span',
    label: 'span',
    initial: 'fm_span_brkg_mgn_amt',
    maintenance: 'fm_span_mntn_mgn_amt',
  },
  {
    method: 'eurex',
    label: 'eurex',
    initial: 'fm_eurx_brkg_mgn_amt',
    maintenance: 'fm_eurx_mntn_mgn_amt',
  },
  {
    method: 'general',
    label: 'general',
    initial: 'fm_gnrl_brkg_mgn_amt',
    maintenance: 'fm_gnrl_mntn_mgn_amt',
  },
];

/** Initial and maintenance of a class in the view currency (`null` when out of the view). */
export function classMargin(c: OverseasClass): {
  initial: string | null;
  maintenance: string | null;
} {
  if (!c.inView) return { initial: null, maintenance: null };
  if (c.viewRisk)
    return { initial: c.viewRisk.initial.total, maintenance: c.viewRisk.maintenance.total };
  if (c.viewGeneral) return c.viewGeneral;
  return { initial: null, maintenance: null };
}

/** One overseas account: the margin tree per currency view, risk arrays and margin by class. */
export function OverseasView({
  api,
  id,
  revision,
}: {
  api: DashboardApi;
  id: string;
  revision: string;
}) {
  const [crcyCd, setCrcy] = useState<string>('TKR');
  const { data, error } = useData<OverseasData>(
    api,
    `/accounts/${id}/overseas?crcyCd=${crcyCd}`,
    revision,
  );
  useEffect(() => {
    if (data) markReady('overseas');
  }, [data]);
  if (!data) return <Pending error={error} />;
  const dec = data.currencyDecimals;
  const o = data.output;
  const amount = (f: string) => formatFieldValue(f, o[f], dec);
  return (
    <section aria-labelledby="ovs-h" class="view">
      <h1 id="ovs-h">
        <T k="overseas" /> {data.account.id} <span class="muted">{data.account.name}</span>
      </h1>
      <div class="controls">
        <Switch
          label="crcyCd"
          name="crcy"
          value={crcyCd}
          options={CURRENCY_VIEWS.map((v) => [v, v] as const)}
          onChange={setCrcy}
        />
      </div>
      <dl class="headline" data-testid="headline">
        {['fm_brkg_mgn_amt', 'fm_mntn_mgn_amt', 'fm_ord_psbl_amt', 'fm_add_mgn_amt'].map((f) => (
          <div key={f}>
            <dt>
              <F name={f} />
            </dt>
            <dd data-field={f}>{amount(f)}</dd>
          </div>
        ))}
      </dl>
      <div class="two">
        <MarginTree data={data} />
        <ClassBars data={data} />
      </div>
      <RiskArrays data={data} />
      <details class="all-fields">
        <summary>
          <T k="allFields" />
        </summary>
        <table class="data small" data-testid="all-fields">
          <tbody>
            {MARGIN_DETAIL_FIELDS.map((f) => (
              <tr key={f}>
                <th scope="row">
                  <F name={f} />
                </th>
                <td class="num" data-field={f}>
                  {amount(f)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Node({
  label,
  initial,
  maintenance,
  children,
  testId,
  open = false,
}: {
  label: ComponentChildren;
  initial: string;
  maintenance?: string;
  children?: ComponentChildren;
  testId?: string;
  open?: boolean;
}) {
  const row = (
    <span class="node">
      <span class="node-label">{label}</span>
      <span class="num" data-role="initial">
        {initial}
      </span>
      <span class="num muted" data-role="maintenance">
        {maintenance ?? ''}
      </span>
    </span>
  );
  if (children === undefined)
    return (
      <li class="leaf" data-testid={testId}>
        {row}
      </li>
    );
  return (
    <li data-testid={testId}>
      <details open={open}>
        <summary>{row}</summary>
        <ul>{children}</ul>
      </details>
    </li>
  );
}

function MarginTree({ data }: { data: OverseasData }) {
  const dec = data.currencyDecimals;
  const o = data.output;
  const amt = (f: string) => formatFieldValue(f, o[f], dec);
  const positions = data.input.positions;
  const orders = data.input.orders ?? [];
  const key = (e: string, c: string) => `${e}:${c}`;
  return (
    <section class="tree" aria-labelledby="tree-h">
      <h2 id="tree-h">
        <T k="marginTree" /> <span class="muted">{data.query.crcyCd}</span>
      </h2>
      <p class="legend muted">
        <T k="initial" /> · <T k="maintenance" />
      </p>
      <ul data-testid="margin-tree">
        <Node
          label={
            <>
              <T k="account" /> {data.account.id}
            </>
          }
          initial={amt('fm_brkg_mgn_amt')}
          maintenance={amt('fm_mntn_mgn_amt')}
          testId="tree-account"
          open
        >
          {METHODS.map((m) => {
            const classes = data.classes.filter(
              (c) => c.method === m.method && (c.risk || c.general),
            );
            if (classes.length === 0) return null;
            return (
              <Node
                key={m.method}
                label={<T k={m.label} />}
                initial={amt(m.initial)}
                maintenance={amt(m.maintenance)}
                testId={`tree-${m.method}`}
                open
              >
                {classes.map((c) => {
                  const cm = classMargin(c);
                  return (
                    <Node
                      key={key(c.exchange, c.classCode)}
                      label={`${c.exchange} ${c.classCode} (${c.currency})`}
                      initial={cm.initial === null ? '–' : formatAmount(cm.initial, dec)}
                      maintenance={
                        cm.maintenance === null ? '–' : formatAmount(cm.maintenance, dec)
                      }
                      testId={`tree-class-${c.exchange}-${c.classCode}`}
                    >
                      {positions
                        .filter((p) => p.exchange === c.exchange && p.classCode === c.classCode)
                        .map((p) => (
                          <Node
                            key={overseasCode(p)}
                            label={overseasCode(p)}
                            initial={`${formatQty(String(p.quantity))}`}
                            testId={`tree-pos-${overseasCode(p)}`}
                          />
                        ))}
                    </Node>
                  );
                })}
              </Node>
            );
          })}
          {orders.length > 0 && (
            <Node
              label={<T k="orders" />}
              initial={amt('fm_ord_mgn_amt')}
              testId="tree-orders"
              open
            >
              {orders.map((p, i) => (
                <Node
                  key={i}
                  label={`${overseasCode(p)} ${p.side} ${p.priceType}${p.price ? ` @${formatPrice(String(p.price))}` : ''}`}
                  initial={formatQty(String(p.quantity))}
                />
              ))}
            </Node>
          )}
        </Node>
      </ul>
    </section>
  );
}

function ClassBars({ data }: { data: OverseasData }) {
  const t = useText();
  const rows = useMemo(
    () =>
      data.classes
        .map((c) => ({ c, m: classMargin(c) }))
        .filter((r) => r.m.initial !== null && (r.c.risk || r.c.general)),
    [data],
  );
  const x = useMemo(() => rows.map((_, i) => i + 1), [rows]);
  const series = useMemo(
    () => [
      {
        label: t('initial'),
        values: rows.map((r) => Number(r.m.initial)),
        color: '#2563eb',
        bars: true,
      },
    ],
    [rows, t],
  );
  return (
    <section class="bars" aria-labelledby="bars-h">
      <h2 id="bars-h">
        <T k="byClass" /> <span class="muted">{data.query.crcyCd}</span>
      </h2>
      <Chart
        title={<T k="byClass" />}
        x={x}
        series={series}
        xTick={(v) => {
          const r = rows[Math.round(v) - 1];
          return r && Number.isInteger(v) ? r.c.classCode : '';
        }}
        testId="class-bars"
      />
      <table class="data small" data-testid="class-table">
        <HeadRow
          cells={[
            'productClass',
            { k: 'initial', numeric: true },
            { k: 'maintenance', numeric: true },
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.c.exchange}:${r.c.classCode}`}
              data-key={`${r.c.exchange}:${r.c.classCode}`}
            >
              <td>
                {r.c.exchange} {r.c.classCode}
              </td>
              <td class="num" data-field="initial">
                {formatAmount(r.m.initial, data.currencyDecimals)}
              </td>
              <td class="num" data-field="maintenance">
                {formatAmount(r.m.maintenance, data.currencyDecimals)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RiskArrays({ data }: { data: OverseasData }) {
  const [pick, setPick] = useState(0);
  const t = useText();
  const a = data.scenarios[Math.min(pick, data.scenarios.length - 1)];
  const { x, series } = useMemo(() => {
    if (a === undefined) return { x: [], series: [] };
    return {
      x: a.losses.map((_, i) => i + 1),
      series: [
        {
          label: t('loss'),
          values: a.losses.map((l, i) => (i === a.worst ? null : l)),
          color: '#64748b',
          bars: true,
        },
        {
          label: t('worst'),
          values: a.losses.map((l, i) => (i === a.worst ? l : null)),
          color: '#dc2626',
          bars: true,
        },
      ],
    };
  }, [a, t]);
  if (a === undefined) return null;
  const decimals = a.currency === 'JPY' || a.currency === 'VND' ? 0 : 2;
  return (
    <section class="risk-arrays" aria-labelledby="ra-h">
      <h2 id="ra-h">
        <T k="riskArray" />
      </h2>
      <label>
        <T k="productClass" />{' '}
        <select
          value={pick}
          data-testid="risk-array-class"
          onChange={(e) => setPick(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {data.scenarios.map((s, i) => (
            <option key={`${s.exchange}:${s.classCode}`} value={i}>
              {s.exchange} {s.classCode} ({s.method.toUpperCase()}, {s.losses.length})
            </option>
          ))}
        </select>
      </label>
      <Chart
        title={
          <>
            {a.exchange} {a.classCode} · {a.currency}
          </>
        }
        x={x}
        series={series}
        yDecimals={decimals}
        testId="risk-array-chart"
      />
      <table class="data small" data-testid="risk-array-table">
        <thead>
          <tr>
            <th scope="col">
              <T k="scenario" />
            </th>
            {a.losses.map((_, i) => (
              <th scope="col" key={i} class={i === a.worst ? 'worst num' : 'num'}>
                {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <T k="loss" /> ({a.currency})
            </th>
            {a.losses.map((l, i) => (
              <td
                key={i}
                class={i === a.worst ? 'worst num' : 'num'}
                data-worst={i === a.worst ? 'true' : undefined}
              >
                {formatFloat(l, decimals)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
