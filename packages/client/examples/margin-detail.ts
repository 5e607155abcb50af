// node --import tsx packages/client/examples/margin-detail.ts
// 해외선물옵션 증거금상세 (real only): one currency view on one date, exact amounts.
import { KisNotSupportedError } from '@kisfo/client';
import { exampleClient } from './local.js';

const { client, done } = await exampleClient();
try {
  const account = process.env.KIS_OVERSEAS_ACCOUNT ?? '12345678-08';
  // A Date is taken as its calendar day in Korea; KIS_DATE (YYYYMMDD) asks for another day.
  const date = process.env.KIS_DATE ?? new Date();
  for (const currency of ['TKR', 'USD'] as const) {
    const m = await client.overseasFutureOption.marginDetail({ account, currency, date });
    console.log(
      `${currency}: 위탁 ${m.fm_brkg_mgn_amt}  유지 ${m.fm_mntn_mgn_amt}  주문가능 ${m.fm_ord_psbl_amt}`,
    );
  }
} catch (e) {
  if (e instanceof KisNotSupportedError) console.error('paper has no margin detail at KIS');
  else throw e;
} finally {
  await done();
}
