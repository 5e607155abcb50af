// node --import tsx packages/client/examples/custom-token-store.ts
// Keep tokens wherever you like (Redis, a database, a secrets manager) by implementing TokenStore.
// KIS allows one issuance a minute and a token lasts a day: processes should share it.
import type { StoredToken, TokenStore } from '@kisfo/client';
import { exampleClient } from './local.js';

class LoggingMapStore implements TokenStore {
  private readonly map = new Map<string, string>();
  async get(key: string): Promise<StoredToken | undefined> {
    const text = this.map.get(key);
    console.log(`store.get(${key}) → ${text === undefined ? 'miss' : 'hit'}`);
    return text === undefined ? undefined : (JSON.parse(text) as StoredToken);
  }
  async set(key: string, token: StoredToken): Promise<void> {
    console.log(`store.set(${key}) expires ${new Date(token.expiresAt).toISOString()}`);
    this.map.set(key, JSON.stringify(token));
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
}

const tokenStore = new LoggingMapStore();
const { client, done } = await exampleClient({ tokenStore });
try {
  await client.domesticFutureOption.inquireBalance();
  await client.domesticFutureOption.inquireBalance(); // memory hit: the store is not even asked
  console.log('revoked:', await client.revokeToken());
} finally {
  await done();
}
