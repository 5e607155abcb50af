// node --import tsx packages/client/examples/balance.ts
// 선물옵션 잔고현황: every position and the summary, merged from all pages, checked for consistency.
import { checkBalance } from '@kisfo/client';
import { exampleClient } from './local.js';

const { client, done } = await exampleClient();
try {
  const { positions, summary, pages } = await client.domesticFutureOption.inquireBalance({
    marginBasis: 'initial',
    settlementBasis: 'settlement',
  });
  console.log(`${positions.length} positions in ${pages} page(s)`);
  for (const p of positions) {
    const side = p.sll_buy_dvsn_name ?? p.trad_dvsn_name ?? '';
    console.log(
      `${p.shtn_pdno.padEnd(10)} ${side.padEnd(2)} ${p.cblc_qty.toString().padStart(4)}  평가손익 ${p.evlu_pfls_amt}`,
    );
  }
  console.log(
    `증거금총액 ${summary.mgna_tota}  주문가능총액 ${summary.ord_psbl_tota}  익일예수금 ${summary.nxdy_dnca}`,
  );
  const violations = checkBalance({ positions, summary });
  console.log(
    violations.length === 0 ? 'identities hold' : violations.map((v) => v.message).join('\n'),
  );
} finally {
  await done();
}
