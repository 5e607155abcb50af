import type { KisEnv } from '@kisfo/protocol';

/** What a request adds to its log line as it goes (never secrets). */
export interface LogFields {
  trId?: string;
  account?: string;
  msgCd?: string;
  error?: string;
  /** Values to scrub from any logged text (the request's app key, secret, token). Not logged. */
  secrets: string[];
}

/** Hono environment of the kisfo app. */
export interface KisHonoEnv {
  Variables: {
    requestId: string;
    env: KisEnv;
    log: LogFields;
  };
}
