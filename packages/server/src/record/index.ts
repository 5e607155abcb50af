export { CassetteWriter } from './cassette-writer.js';
export { rawExchange, splitUrl } from './exchange.js';
export { type ForwardRequest, forward, pairs, type UpstreamAnswer } from './forward.js';
export {
  type RecordingProxy,
  type RecordingProxyOptions,
  startRecordingProxy,
  targetUrl,
} from './record-proxy.js';
export {
  type ReplayMode,
  type ReplayServer,
  type ReplayServerOptions,
  startReplayServer,
} from './replay-server.js';
export { bodyText, writeRaw } from './write-raw.js';
