// Scripts and timing shared by the benchmarks (Node only).

/** The script of `npm run bench`: a handshake, `requests` requests (segments) each acknowledged, a close. */
export function requestsScript(requests: number): string {
  const out: string[] = [
    `title Benchmark: ${requests} data segments`,
    'participant client 10.0.0.1:51000',
    'participant server 10.0.0.2:80 listen',
    'section Handshake',
    'client -> server: SYN seq=x mss=1460',
    'server -> client: SYN+ACK seq=y ack=x+1 mss=1460',
    'client -> server: ACK seq=x+1 ack=y+1',
    'section Data',
  ];
  let clientNxt = 1;
  for (let i = 0; i < requests; i++) {
    const text = `GET /item/${i} HTTP/1.1`;
    let fields = '';
    if (i % 8 === 0) fields = ` seq=x+${clientNxt} ack=y+1`;
    else if (i % 4 === 0) fields = ` seq=${clientNxt} ack=1`;
    out.push(`client -> server: PSH+ACK${fields} "${text}\\r\\n"`);
    clientNxt += text.length + 2;
    out.push(i % 4 === 0 ? `server -> client: ACK seq=1 ack=${clientNxt}` : 'server -> client: ACK');
  }
  out.push(
    'section Close',
    'client -> server: FIN+ACK',
    'server -> client: ACK',
    'server -> client: FIN+ACK',
    'client -> server: ACK',
    'expect client TIME-WAIT, server CLOSED',
    'wait 2MSL',
    'expect client CLOSED',
  );
  return `${out.join('\n')}\n`;
}

/** A script between many endpoints: `pairs` lines, each a SYN between two endpoints not seen before. */
export function manyEndpoints(pairs: number): string {
  const out: string[] = [];
  for (let i = 0; i < pairs; i++) out.push(`e${2 * i} -> e${2 * i + 1}: SYN`);
  return `${out.join('\n')}\n`;
}

/** Median wall time of `fn` in milliseconds, after `warmup` unmeasured runs. */
export function medianMs(fn: () => unknown, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

/**
 * The median wall time of each function, measured in turns: one run of each per round, so
 * that all of them meet the same states of the heap (a baseline timed alone, just after the
 * collections a memory reading forces, meets a smaller young generation than what follows it).
 */
export function interleavedMedianMs<K extends string>(fns: Readonly<Record<K, () => unknown>>, runs: number, warmup: number): Record<K, number> {
  const keys = Object.keys(fns) as K[];
  for (let i = 0; i < warmup; i++) for (const key of keys) fns[key]();
  const times = new Map<K, number[]>(keys.map((key) => [key, []]));
  for (let i = 0; i < runs; i++) {
    for (const key of keys) {
      const start = process.hrtime.bigint();
      fns[key]();
      times.get(key)?.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const result = {} as Record<K, number>;
  for (const key of keys) result[key] = median(times.get(key) ?? []);
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
