// Load process of postgres.bench.ts: autocannon against one or more URLs (spread over the
// connections), for a bounded time; prints one JSON line with requests/s and latencies.
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]!) as {
  urls: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
};
const result = await autocannon({
  // Several URLs are spread over the connections (the v7 typings allow one).
  url: spec.urls as unknown as string,
  headers: spec.headers,
  connections: spec.connections,
  duration: spec.seconds,
  pipelining: 1,
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
  })}\n`,
);
