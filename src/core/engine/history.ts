// Why each endpoint (each connection end) is in the state it is in: the line that last changed its state, and the
// last segment sent to it since then that did not reach it (lost, not yet delivered,
// discarded, ignored). `tcp.expect-failed` says so, because an unexpected state is most
// often the consequence of a segment the author thought had arrived.

import { stateLabel, type TcpState } from '../states';
import { flagsText, type Segment } from './model';

export class StateHistory {
  private readonly changedAt = new Map<number, number>();
  private readonly missed = new Map<number, { line: number; text: string }>();

  changed(endpoint: number, line: number): void {
    this.changedAt.set(endpoint, line);
    this.missed.delete(endpoint);
  }

  /**
   * A segment to `seg.dst` that did not take effect there: `fate` is "was lost (-x)", "has not arrived yet"…
   * `to`: the receiving connection end where a participant has several.
   */
  notReceived(seg: Segment, fate: string, to = seg.dst): void {
    this.missed.set(to, { line: seg.line, text: `the ${flagsText(seg.flags)} on line ${seg.line + 1} ${fate}` });
  }

  /** A held segment was delivered after all. */
  delivered(seg: Segment, to = seg.dst): void {
    if (this.missed.get(to)?.line === seg.line) this.missed.delete(to);
  }

  /**
   * "Line 7 made it CLOSE-WAIT, and the FIN on line 9 was lost (-x)" when a segment sent to the
   * endpoint since its last change did not take effect (the likely reason its state is not the
   * author's), else undefined.
   */
  missedSince(endpoint: number, state: TcpState): string | undefined {
    if (!this.missed.has(endpoint)) return undefined;
    const text = this.explain(endpoint, state).slice(2);
    return text[0].toUpperCase() + text.slice(1);
  }

  /** ": line 7 made it CLOSE-WAIT; the FIN on line 9 was lost (-x)". */
  explain(endpoint: number, state: TcpState): string {
    const line = this.changedAt.get(endpoint);
    const since = line === undefined ? `: it has been ${stateLabel(state)} from the start` : `: line ${line + 1} made it ${stateLabel(state)}`;
    const missed = this.missed.get(endpoint);
    return missed ? `${since}, and ${missed.text}` : since;
  }
}
