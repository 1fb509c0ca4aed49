// The Timeline tab's step-through as data: one step per event of the core's ladder (a segment
// leaving, arriving or lost, a call, a wait), in time order, each with the variables of the
// connection ends it concerns, written as columns (src/shared/previewSteps.ts). Pure (no
// vscode); the webview marks the drawing from these steps alone, so a picture drawn in pieces
// can be marked piece by piece.

import type { Analysis, EndpointSnapshot, LadderModel, StateNaming, TcpState } from '../../core/index';
import { endAfterStep, lastStepThrough, stateLabel } from '../../core/index';
import { TimelineStepsBuilder, type TimelineEndValues, type TimelineSteps } from '../../shared/previewSteps';

/** How SND.UNA, SND.NXT and RCV.NXT are written: from each side's ISN (as textbooks do), or as they are. */
export type StepNumbers = 'relative' | 'absolute';

/** The label of every connection end (every endpoint while each participant has one). */
export function endLabels(analysis: Analysis): string[] {
  return analysis.connections !== undefined ? analysis.connections.map((c) => c.label) : analysis.endpoints.map((e) => e.label);
}

export function timelineSteps(analysis: Analysis, ladder: LadderModel, naming: StateNaming, numbers: StepNumbers): TimelineSteps {
  const count = analysis.connections?.length ?? analysis.endpoints.length;
  const all = Array.from({ length: count }, (_, e) => e);
  const values = (e: number, line: number): TimelineEndValues | undefined => {
    const snapshot = endAfterStep(analysis, lastStepThrough(analysis, line), e);
    return snapshot === undefined ? undefined : endValues(e, snapshot, naming, numbers);
  };
  const steps = new TimelineStepsBuilder();
  for (const event of ladder.events) {
    const segment = event.segment !== undefined ? ladder.segments[event.segment] : undefined;
    if (segment === undefined) {
      const ends = all.map((e) => values(e, event.line)).filter((v): v is TimelineEndValues => v !== undefined);
      steps.add({ kind: event.kind, line: event.line, ends });
      continue;
    }
    const info = analysis.segments.get(segment.line);
    const src = info?.srcEnd ?? segment.src;
    const dst = info?.dstEnd ?? segment.dst;
    // Leaving: the sender has sent, the receiver is as it was before the line. Arriving (or
    // lost): both as after the line where it arrived (a `deliver`, a block's `end`). The ends
    // in their column order, so that each keeps its row from step to step.
    const ends =
      event.kind === 'send'
        ? [values(src, segment.line), values(dst, segment.line - 1)]
        : [values(src, segment.arrivalLine), values(dst, segment.arrivalLine)];
    const shown = ends.filter((v): v is TimelineEndValues => v !== undefined).sort((a, b) => a.end - b.end);
    steps.add({ kind: event.kind, line: event.line, segment: segment.line, ends: shown });
  }
  return steps.finish();
}

/** No sequence space before a SYN is sent or received: those variables are left out (null). */
function endValues(end: number, s: EndpointSnapshot, naming: StateNaming, numbers: StepNumbers): TimelineEndValues {
  const sending = !NO_SEND_SPACE.has(s.state);
  const receiving = sending && s.state !== 'SYN-SENT';
  const from = (value: number, base: number) => (numbers === 'relative' ? (value - base) >>> 0 : value >>> 0);
  return {
    end,
    state: stateLabel(s.state, naming),
    sndUna: sending ? from(s.sndUna, s.iss) : null,
    sndNxt: sending ? from(s.sndNxt, s.iss) : null,
    rcvNxt: receiving ? from(s.rcvNxt, s.irs) : null,
  };
}

const NO_SEND_SPACE: ReadonlySet<TcpState> = new Set<TcpState>(['CLOSED', 'LISTEN']);
