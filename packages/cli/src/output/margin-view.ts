import { overseasMarginDetailFields } from '@kisfo/protocol';
import { type WireRecord, wireValue } from './balance-view.js';
import { groupDigits, renderCsv } from './formats.js';
import { displayWidth, type Style } from './style.js';

/** One figure of the margin tree and the figures it is made of. */
export interface MarginTreeNode {
  field: string;
  children?: MarginTreeNode[];
}

type Node = MarginTreeNode;

const leaf = (field: string): Node => ({ field });

/** How the margin figures nest: initial (위탁) and maintenance (유지), SPAN / EUREX / general / orders. */
export const MARGIN_TREE: readonly Node[] = [
  {
    field: 'fm_brkg_mgn_amt',
    children: [
      {
        field: 'fm_ustl_mgn_amt',
        children: [
          {
            field: 'fm_span_brkg_mgn_amt',
            children: [
              leaf('fm_span_pric_altr_mgn_amt'),
              leaf('fm_span_term_sprd_mgn_amt'),
              leaf('fm_span_opt_min_mgn_amt'),
              leaf('fm_span_buy_opt_min_mgn_amt'),
              leaf('fm_span_tot_risk_mgn_amt'),
            ],
          },
          {
            field: 'fm_eurx_brkg_mgn_amt',
            children: [
              leaf('fm_eurx_pric_altr_mgn_amt'),
              leaf('fm_eurx_term_sprd_mgn_amt'),
              leaf('fm_eurx_buy_opt_min_mgn_amt'),
              leaf('fm_eurx_opt_pric_mgn_amt'),
              leaf('fm_eurx_tot_risk_mgn_amt'),
            ],
          },
          {
            field: 'fm_gnrl_brkg_mgn_amt',
            children: [
              leaf('fm_futr_ustl_mgn_amt'),
              leaf('fm_sll_opt_ustl_mgn_amt'),
              leaf('fm_buy_opt_ustl_mgn_amt'),
              leaf('fm_sprd_ustl_mgn_amt'),
              leaf('fm_avg_dsct_mgn_amt'),
            ],
          },
        ],
      },
      {
        field: 'fm_ord_mgn_amt',
        children: [
          leaf('fm_futr_ord_mgn_amt'),
          leaf('fm_opt_sll_ord_mgn_amt'),
          leaf('fm_opt_buy_ord_mgn_amt'),
          leaf('fm_opt_buy_ord_amt'),
          leaf('fm_ecis_rsvn_mgn_amt'),
        ],
      },
      leaf('fm_excc_brkg_mgn_amt'),
    ],
  },
  {
    field: 'fm_mntn_mgn_amt',
    children: [
      {
        field: 'fm_span_mntn_mgn_amt',
        children: [
          leaf('fm_span_mntn_pric_altr_mgn_amt'),
          leaf('fm_span_mntn_term_sprd_mgn_amt'),
          leaf('fm_span_mntn_opt_min_mgn_amt'),
          leaf('fm_span_mntn_opt_pric_mgn_amt'),
          leaf('fm_span_mntn_tot_risk_mgn_amt'),
        ],
      },
      {
        field: 'fm_eurx_mntn_mgn_amt',
        children: [
          leaf('fm_eurx_mntn_pric_altr_mgn_amt'),
          leaf('fm_eurx_mntn_term_sprd_mgn_amt'),
          leaf('fm_eurx_mntn_opt_pric_mgn_amt'),
          leaf('fm_eurx_mntn_tot_risk_mgn_amt'),
        ],
      },
      {
        field: 'fm_gnrl_mntn_mgn_amt',
        children: [leaf('fm_futr_mntn_mgn_amt'), leaf('fm_opt_mntn_mgn_amt')],
      },
    ],
  },
  leaf('fm_ord_psbl_amt'),
  leaf('fm_add_mgn_amt'),
];

const SHORT_EN: Record<string, string> = {
  fm_brkg_mgn_amt: 'Initial margin (위탁)',
  fm_ustl_mgn_amt: 'Open positions',
  fm_span_brkg_mgn_amt: 'SPAN',
  fm_eurx_brkg_mgn_amt: 'EUREX-style',
  fm_gnrl_brkg_mgn_amt: 'General',
  fm_ord_mgn_amt: 'Orders',
  fm_excc_brkg_mgn_amt: 'Settled-position initial',
  fm_mntn_mgn_amt: 'Maintenance margin (유지)',
  fm_span_mntn_mgn_amt: 'SPAN',
  fm_eurx_mntn_mgn_amt: 'EUREX-style',
  fm_gnrl_mntn_mgn_amt: 'General',
  fm_ord_psbl_amt: 'Orderable',
  fm_add_mgn_amt: 'Margin call',
};

const specOf = new Map(overseasMarginDetailFields.map((f) => [f.name as string, f]));

function label(field: string, korean: boolean): string {
  const f = specOf.get(field);
  if (korean) return f?.ko ?? field;
  if (SHORT_EN[field] !== undefined) return SHORT_EN[field]!;
  const en = f?.en ?? field;
  // Drop the section prefix the tree already shows ("SPAN price-variation …" → "price-variation …").
  return en.replace(/^(SPAN|EUREX-style|General:?) (maintenance )?/, '$2').split(' (')[0]!;
}

/**
 * The margin detail as a tree: initial vs maintenance, each split into SPAN / EUREX / general /
 * orders, with every figure's value (grouped digits) and wire name.
 */
export function marginTree(output: WireRecord, korean: boolean, style: Style): string {
  const lines: { text: string; value: string; name: string }[] = [];
  const walk = (nodes: readonly Node[], prefix: string) => {
    nodes.forEach((n, i) => {
      const last = i === nodes.length - 1;
      const branch = prefix + (last ? '└─ ' : '├─ ');
      const v = wireValue(output, n.field);
      const value = v === undefined ? '' : groupDigits(String(v));
      const text =
        n.children === undefined ? label(n.field, korean) : style.bold(label(n.field, korean));
      lines.push({ text: branch + text, value, name: n.field });
      if (n.children !== undefined) walk(n.children, prefix + (last ? '   ' : '│  '));
    });
  };
  walk(MARGIN_TREE, '');
  const width = Math.max(...lines.map((l) => displayWidth(l.text)));
  const valueWidth = Math.max(...lines.map((l) => l.value.length));
  return `${lines
    .map((l) => {
      const gap = ' '.repeat(width - displayWidth(l.text) + 2);
      const val = l.value.padStart(valueWidth);
      return `${l.text}${gap}${l.value.startsWith('-') ? style.red(val) : val}  ${style.dim(l.name)}`;
    })
    .join('\n')}\n`;
}

/** The margin detail as CSV `field,label,value` (every field). */
export function marginCsv(output: WireRecord): string {
  const fields = overseasMarginDetailFields.filter((f) => wireValue(output, f.name) !== undefined);
  return renderCsv(fields, [
    { header: 'field', get: (f) => f.name },
    { header: 'label', get: (f) => f.ko },
    { header: 'value', get: (f) => String(wireValue(output, f.name)) },
  ]);
}
