// node --import tsx packages/client/examples/paging.ts
// Stream the balance page by page with `for await` (20 positions a page), stopping whenever.
import { KisDataChangedError } from '@kisfo/client';
import { exampleClient } from './local.js';

const { client, done } = await exampleClient();
try {
  for await (const page of client.domesticFutureOption.balancePages()) {
    console.log(
      `page ${page.index + 1}: ${page.positions.length} positions, tr_cont ${page.trCont}`,
    );
  }
} catch (e) {
  // A stream cannot take back pages: on SYDB0050 start again (inquireBalance() does it for you).
  if (e instanceof KisDataChangedError)
    console.error('the account changed while paging; run again');
  else throw e;
} finally {
  await done();
}
