// Runs the engine off the page's thread: a 10,000-position book takes seconds to margin, and the
// page stays usable meanwhile. Messages are plain JSON (Decimals travel as strings).
import {
  type DomesticBalanceInput,
  domesticMarginFigures,
  type KrxPosition,
  marginFiguresToStrings,
} from '@kisfo/risk';

/** A request: the ledger's engine input and the edited book. */
export interface WhatIfRequest {
  seq: number;
  input: DomesticBalanceInput;
  positions: KrxPosition[];
}

/** The answer: the figures of the edited book, or the engine's error. */
export type WhatIfReply =
  | { seq: number; figures: Record<'initial' | 'maintenance' | 'orderable' | 'marginCall', string> }
  | { seq: number; error: string };

self.onmessage = (e: MessageEvent<WhatIfRequest>) => {
  const { seq, input, positions } = e.data;
  try {
    const figures = marginFiguresToStrings(
      domesticMarginFigures({ ...input, account: { ...input.account, positions } }),
    );
    self.postMessage({ seq, figures } satisfies WhatIfReply);
  } catch (err) {
    self.postMessage({ seq, error: (err as Error).message } satisfies WhatIfReply);
  }
};
