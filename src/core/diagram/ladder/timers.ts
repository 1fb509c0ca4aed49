// The timers a ladder shows as brackets beside a lane: the retransmission timeout (from a
// segment's first send to its retransmission), 2MSL (the TIME-WAIT span) and the keep-alive
// idle time (from the last segment the prober received to its probe).

import type { Analysis } from '../../analysis';
import { seconds } from '../../language/markdown';
import type { TimedSegment } from './layout';
import type { UnplacedTimer } from './lanes';
import type { LadderStateSpan } from './model';

export function deriveTimers(
  analysis: Analysis,
  segments: readonly TimedSegment[],
  spans: readonly LadderStateSpan[],
  shift: (y: number) => number,
): UnplacedTimer[] {
  const timers: UnplacedTimer[] = [];
  const lastEnd = spans.reduce((m, s) => Math.max(m, s.y2), 0);
  const msl = seconds(analysis.options.mslMs * 2).replace(/ \(.*\)$/, '');
  for (const span of spans) {
    if (span.state !== 'TIME-WAIT') continue;
    const open = span.y2 >= lastEnd;
    timers.push({ kind: '2msl', lane: span.lane, y1: span.y1, y2: span.y2, label: `2MSL ${msl}`, open, line: span.line, endLine: span.endLine });
  }

  // The first send of each (sender, seq, length, SYN, FIN) and the last segment each endpoint received.
  const firstSend = new Map<string, TimedSegment>();
  const keepaliveIdle = keepaliveTimes(analysis);
  const lastHeard: (TimedSegment | undefined)[] = analysis.endpoints.map(() => undefined);
  // Only a script that marks a retransmission needs every first send remembered.
  const retransmits = segments.some((s) => s.retransmit);
  for (const s of segments) {
    const info = retransmits ? analysis.segments.get(s.line) : undefined;
    if (info !== undefined) {
      const key = `${s.src} ${info.seq} ${info.len} ${info.flags.has('SYN') ? 'S' : ''}${info.flags.has('FIN') ? 'F' : ''}`;
      const first = firstSend.get(key);
      if (s.retransmit && first !== undefined) {
        timers.push({ kind: 'rto', lane: s.src, y1: shift(first.y1), y2: shift(s.y1), label: 'RTO', open: false, line: first.line, endLine: s.line });
      } else if (first === undefined) {
        firstSend.set(key, s);
      }
    }
    if (s.keepalive) {
      const heard = lastHeard[s.src];
      const from = heard !== undefined ? heard.y2 : undefined;
      if (from !== undefined && from < s.y1) {
        const idle = keepaliveIdle[s.src];
        timers.push({ kind: 'keepalive', lane: s.src, y1: shift(from), y2: shift(s.y1), label: idle !== undefined ? `keep-alive ${idle}` : 'keep-alive', open: false, line: heard!.line, endLine: s.line });
      }
    }
    if (s.fate !== 'lost' && s.fate !== 'in-flight') lastHeard[s.dst] = s;
  }
  return timers.sort((a, b) => a.y1 - b.y1 || a.lane - b.lane);
}

/** The idle time of each endpoint declared with `keepalive=`, in words. */
function keepaliveTimes(analysis: Analysis): (string | undefined)[] {
  const byName = new Map<string, string>();
  for (const s of analysis.script.statements) {
    if (s.kind === 'participant' && s.keepalive !== undefined) byName.set(s.name.name, seconds(s.keepalive.ms).replace(/ \(.*\)$/, ''));
  }
  return analysis.endpoints.map((e) => byName.get(e.name));
}
