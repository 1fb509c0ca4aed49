// The timing ladder of an analysed script, laid out: what the SVG writer draws and what the
// preview's step-through walks. Pure data in pixels, with the 0-based source line of every
// element as its source map.

import type { TcpState } from '../../states';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LadderLane {
  readonly name: string;
  readonly label: string;
  readonly address?: string;
  readonly x: number;
  readonly headerWidth: number;
  /** 0-based line of the declaration, or of first use for an implicit endpoint. */
  readonly line: number;
}

/**
 * What became of a segment: `delivered` and `dropped` (reached the receiver, which discarded
 * it) end at the receiver's lane; `lost` (`-x`) stops short with a cross; `delayed` (`~>`)
 * ends at its `deliver` line; `in-flight` was never delivered and ends short at the bottom.
 */
export type LadderFate = 'delivered' | 'dropped' | 'lost' | 'delayed' | 'in-flight';

export interface LadderSegment {
  /** 0-based line of the segment statement. */
  readonly line: number;
  readonly src: number;
  readonly dst: number;
  readonly from: Point;
  /** The arrival point, or the loss point for a lost or never-delivered segment. */
  readonly to: Point;
  readonly fate: LadderFate;
  readonly retransmit: boolean;
  readonly keepalive: boolean;
  readonly invalid: boolean;
  /** The line's text: flags, numbers, payload, markers. */
  readonly label: string;
  /** Where the label's centre sits (above the line, clear of crossing arrows), and its slope. */
  readonly labelAt: Point;
  readonly angle: number;
  /** 0-based line of the `deliver` (delayed) or of the block's `end` (simultaneous) where it arrived. */
  readonly arrivalLine: number;
}

export interface LadderStateLabel {
  readonly lane: number;
  readonly state: TcpState;
  readonly text: string;
  /** The point on the lane where the state begins. */
  readonly at: Point;
  /** The text's baseline anchor, beside the lane (pushed down when changes come close together). */
  readonly textAt: Point;
  readonly anchor: 'start' | 'end';
  /** 0-based line that caused the change; -1 for the initial state. */
  readonly line: number;
  /** True when the change comes as the line's segment arrives (the receiver's), not as it leaves. */
  readonly arrival: boolean;
}

/** A stretch of one lane in one state. */
export interface LadderStateSpan {
  readonly lane: number;
  readonly state: TcpState;
  readonly y1: number;
  readonly y2: number;
  /** 0-based line that entered the state (-1 for the initial state) and that left it (-1 if none did). */
  readonly line: number;
  readonly endLine: number;
}

export type LadderTimerKind = 'rto' | '2msl' | 'keepalive';

/** A timer drawn as a bracket beside its lane, from when it starts to when it fires or stops. */
export interface LadderTimer {
  readonly kind: LadderTimerKind;
  readonly lane: number;
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
  readonly label: string;
  /** The bracket's label anchor and side. */
  readonly textAt: Point;
  readonly anchor: 'start' | 'end';
  /** True when the script ends before the timer does: the bracket is left open. */
  readonly open: boolean;
  /** 0-based line that started it and line that ended it (-1 when open). */
  readonly line: number;
  readonly endLine: number;
}

/** A `wait`: a gap in time, labelled; long waits are compressed and marked with a break. */
export interface LadderGap {
  readonly line: number;
  readonly y1: number;
  readonly y2: number;
  readonly label: string;
  readonly broken: boolean;
}

export interface LadderSection {
  readonly line: number;
  readonly title: string;
  readonly y1: number;
  /** Where the next section starts, or the end of the drawing. */
  readonly y2: number;
}

export interface LadderNote {
  readonly line: number;
  readonly text: string;
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly height: number;
}

/** An application call (`close`, `connect`…) written on its lane. */
export interface LadderCall {
  readonly line: number;
  readonly lane: number;
  readonly text: string;
  readonly at: Point;
  readonly anchor: 'start' | 'end';
}

/**
 * One event of the step-through: a segment leaving or arriving, a call, a wait. The
 * endpoints' variables at each event are the analysis's (the preview's timelineSteps reads
 * them there): a copy per event would be most of a long ladder's memory.
 */
export interface LadderEvent {
  readonly kind: 'send' | 'arrive' | 'lose' | 'call' | 'wait';
  readonly y: number;
  readonly line: number;
  /** Index into `segments` for send, arrive and lose. */
  readonly segment?: number;
}

export interface LadderModel {
  readonly width: number;
  readonly height: number;
  readonly title?: string;
  /** Where the lanes start (below their headers) and end. */
  readonly laneTop: number;
  readonly laneBottom: number;
  readonly headerTop: number;
  readonly lanes: readonly LadderLane[];
  readonly segments: readonly LadderSegment[];
  readonly states: readonly LadderStateLabel[];
  readonly spans: readonly LadderStateSpan[];
  readonly timers: readonly LadderTimer[];
  readonly gaps: readonly LadderGap[];
  readonly sections: readonly LadderSection[];
  readonly notes: readonly LadderNote[];
  readonly calls: readonly LadderCall[];
  /** In time order. */
  readonly events: readonly LadderEvent[];
}
