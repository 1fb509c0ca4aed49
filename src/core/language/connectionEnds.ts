// The states of every connection end along the script, for the services of a script where
// a participant has several connections (Analysis.connections), read through engine/timeline.ts.

import type { Analysis, EndpointSnapshot } from '../analysis';
import { endsAfterStep, lastStepThrough } from '../engine/timeline';
import type { TcpState } from '../states';
import type { ConnectionRef } from '../syntax/ast';
import { scriptIndex } from './scriptIndex';

/** Every connection end after the last step on `line`, if anything happened there (an end not made yet: as in endsAfterLine). */
export function endsAfterLineSteps(analysis: Analysis, line: number): readonly EndpointSnapshot[] | undefined {
  const entry = scriptIndex(analysis).steps.get(line);
  return entry && endsAfterStepOrStart(analysis, entry.last);
}

/**
 * Every connection end after everything on 0-based `line`. An end the script has not made yet
 * is shown as its participant began (LISTEN for a listener, else CLOSED): how it will start.
 */
export function endsAfterLine(analysis: Analysis, line: number): readonly EndpointSnapshot[] {
  return endsAfterStepOrStart(analysis, lastStepThrough(analysis, line));
}

function endsAfterStepOrStart(analysis: Analysis, step: number): readonly EndpointSnapshot[] {
  const known = endsAfterStep(analysis, step);
  const participants = analysis.connections?.map((c) => c.participant) ?? analysis.endpoints.map((_, i) => i);
  return participants.map((p, i) => known[i] ?? initial(analysis.endpoints[p].initial));
}

function initial(state: TcpState): EndpointSnapshot {
  return { state, iss: 0, sndUna: 0, sndNxt: 0, sndWnd: 0, irs: 0, rcvNxt: 0, rcvWnd: 0 };
}

/**
 * The end an `expect` item or a call names: `server(bob)` its connection with bob, a bare
 * name its first; the participant's index while every participant has one end.
 */
export function namedEnd(analysis: Analysis, participant: number, ref: ConnectionRef | undefined): number {
  const connections = analysis.connections;
  if (!connections) return participant;
  const peer = ref?.peer && analysis.endpoints.findIndex((e) => e.name === ref.peer!.name);
  const found = connections.findIndex(
    (c) =>
      c.participant === participant &&
      (peer === undefined || c.peer === peer) &&
      (ref?.port === undefined || c.port === ref.port.value) &&
      (ref?.peerPort === undefined || c.peerPort === ref.peerPort.value),
  );
  return found < 0 ? participant : found;
}

/** How a service names an end: its connection (`server↔bob`) when its participant has several, else the participant. */
export function endName(analysis: Analysis, end: number): string {
  const c = analysis.connections?.[end];
  if (!c) return analysis.endpoints[end]?.name ?? '';
  const several = analysis.connections!.filter((o) => o.participant === c.participant).length > 1;
  return several ? c.label : analysis.endpoints[c.participant].name;
}
