import { KisClient } from '@kisfo/client';
import type { ConnectionConfig } from './config.js';

/** A {@link KisClient} for resolved connection settings. */
export function clientFor(config: ConnectionConfig): KisClient {
  return new KisClient({
    env: config.env,
    appKey: config.appKey,
    appSecret: config.appSecret,
    ...(config.account === undefined ? {} : { account: config.account }),
    ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }),
    ...(config.custtype === undefined ? {} : { custtype: config.custtype }),
    ...(config.personalseckey === undefined ? {} : { personalseckey: config.personalseckey }),
    ...(config.seqNo === undefined ? {} : { seqNo: config.seqNo }),
    ...(config.phoneNumber === undefined ? {} : { phoneNumber: config.phoneNumber }),
    ...(config.ipAddr === undefined ? {} : { ipAddr: config.ipAddr }),
  });
}
