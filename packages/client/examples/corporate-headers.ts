// node --import tsx packages/client/examples/corporate-headers.ts
// Corporate customers (custtype B) send 고객식별키, 일련번호, 핸드폰번호 and 접속 단말 IP with every
// call; the client checks them at construction and adds a unique gt_uid per request.
import { KisValidationError } from '@kisfo/client';
import { exampleClient } from './local.js';

try {
  await exampleClient({ custtype: 'B', seqNo: '001' });
} catch (e) {
  if (e instanceof KisValidationError) console.log(`refused before any request: ${e.message}`);
}

const { client, done } = await exampleClient({
  custtype: 'B',
  personalseckey: 'partner-customer-key',
  seqNo: '001',
  phoneNumber: '01011112222',
  ipAddr: '203.0.113.7',
  gtUid: () => crypto.randomUUID().replaceAll('-', ''),
});
try {
  const { positions } = await client.domesticFutureOption.inquireBalance();
  console.log(`corporate call ok: ${positions.length} positions`);
} finally {
  await done();
}
