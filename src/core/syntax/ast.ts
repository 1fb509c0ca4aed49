// The syntax tree of a .tcpflow script. Every node carries the exact range of its source
// text; nodes the parser could only partly read are still produced, with what it found.
// The parser stores segment lines compactly (segmentNode.ts): the parts of a parsed segment
// (identifiers, ranges, flags, fields) are made when read, so compare them by value, not identity.

import type { Range } from './range';

export type FlagName = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH' | 'URG' | 'ECE' | 'CWR';
export const FLAG_NAMES: readonly FlagName[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'];

export type Arrow = '->' | '-x' | '~>';
export type CallName = 'listen' | 'connect' | 'close' | 'shutdown' | 'abort' | 'crash';
export type MarkerName = 'retransmit' | 'keepalive' | 'duplicate';

export interface Identifier {
  readonly name: string;
  readonly range: Range;
}

/** A number or a symbol with an optional offset: `100`, `x`, `x+1`, `y-1`. */
export interface SeqExpr {
  readonly symbol?: string;
  /** The literal number, or the offset added to the symbol (0 when none). */
  readonly offset: number;
  readonly range: Range;
}

/** A duration in milliseconds; `msl` is set for `MSL`/`2MSL`, which depend on the script's MSL. */
export interface Duration {
  readonly ms: number;
  readonly mslMultiple?: number;
  readonly text: string;
  readonly range: Range;
}

export interface StringLiteral {
  /** The decoded bytes' text as written (escapes kept) — what the diagram shows. */
  readonly raw: string;
  /** Payload length in bytes (UTF-8 of the decoded string). */
  readonly byteLength: number;
  readonly range: Range;
}

export interface NumberValue {
  readonly value: number;
  readonly range: Range;
}

export type Field =
  | { readonly kind: 'seq' | 'ack'; readonly expr: SeqExpr; readonly range: Range }
  | { readonly kind: 'len' | 'win' | 'mss' | 'wscale' | 'urg'; readonly value: NumberValue; readonly range: Range }
  | { readonly kind: 'sackOK'; readonly range: Range }
  | { readonly kind: 'ts'; readonly val: NumberValue; readonly ecr?: NumberValue; readonly range: Range };

export type FieldKind = Field['kind'];

export interface FlagSet {
  readonly flags: ReadonlySet<FlagName>;
  /** The flags in the order written, each with its range. */
  readonly items: readonly { readonly flag: FlagName; readonly range: Range }[];
  /** From the first to the last flag token (empty at the flags' position when none were written). */
  readonly range: Range;
}

export interface Marker {
  readonly name: MarkerName;
  readonly range: Range;
}

interface StatementBase {
  /** 0-based line of the statement. */
  readonly line: number;
  /** The statement's text, without leading indentation or trailing comment. */
  readonly range: Range;
}

export interface TitleStatement extends StatementBase {
  readonly kind: 'title';
  readonly text: string;
}

export interface ParticipantStatement extends StatementBase {
  readonly kind: 'participant';
  readonly name: Identifier;
  readonly address?: { readonly text: string; readonly range: Range };
  readonly label?: StringLiteral;
  readonly isn?: NumberValue;
  readonly listen?: Range;
  readonly unchecked?: Range;
  readonly keepalive?: Duration;
}

/**
 * Which of a participant's connections a name means, when written: its own port, and the
 * peer (with the peer's port) in parentheses — `client:51001(server)`, `server(bob)`.
 */
export interface ConnectionRef {
  readonly port?: NumberValue;
  readonly peer?: Identifier;
  readonly peerPort?: NumberValue;
}

export interface CallStatement extends StatementBase {
  readonly kind: 'call';
  readonly endpoint: Identifier;
  readonly connection?: ConnectionRef;
  readonly call: CallName;
  readonly callRange: Range;
}

export interface SegmentStatement extends StatementBase {
  readonly kind: 'segment';
  readonly src: Identifier;
  /** `client:51000 -> …`: the port of the sender's end, when written. */
  readonly srcPort?: NumberValue;
  readonly arrow: Arrow;
  readonly arrowRange: Range;
  readonly dst: Identifier;
  readonly dstPort?: NumberValue;
  readonly flags: FlagSet;
  readonly fields: readonly Field[];
  readonly payload?: StringLiteral;
  readonly markers: readonly Marker[];
  readonly label?: Identifier;
}

export interface SimultaneousStatement extends StatementBase {
  readonly kind: 'simultaneous';
  readonly segments: readonly SegmentStatement[];
  /** Line of the closing `end`; absent when the block is unclosed. */
  readonly endLine?: number;
}

export interface DeliverStatement extends StatementBase {
  readonly kind: 'deliver';
  readonly label: Identifier;
}

export interface WaitStatement extends StatementBase {
  readonly kind: 'wait';
  readonly duration: Duration;
}

export interface SectionStatement extends StatementBase {
  readonly kind: 'section';
  readonly title: string;
}

export interface NoteStatement extends StatementBase {
  readonly kind: 'note';
  readonly endpoints: readonly Identifier[];
  readonly text: string;
}

export interface ExpectItem {
  readonly endpoint: Identifier;
  readonly connection?: ConnectionRef;
  /** As written. */
  readonly stateText: string;
  /** Undefined when the name is not a state (a syntax.unknown-state diagnostic was given). */
  readonly state?: import('../states').TcpState;
  readonly stateRange: Range;
}

export interface ExpectStatement extends StatementBase {
  readonly kind: 'expect';
  readonly items: readonly ExpectItem[];
}

export type OptionSetting =
  | { readonly key: 'msl'; readonly duration: Duration }
  | { readonly key: 'states'; readonly value: 'changes' | 'all' | 'none' }
  | { readonly key: 'numbers'; readonly value: 'as-written' | 'absolute' };

export interface OptionStatement extends StatementBase {
  readonly kind: 'option';
  readonly setting: OptionSetting;
  readonly keyRange: Range;
  readonly valueRange: Range;
}

export type Statement =
  | TitleStatement
  | ParticipantStatement
  | CallStatement
  | SegmentStatement
  | SimultaneousStatement
  | DeliverStatement
  | WaitStatement
  | SectionStatement
  | NoteStatement
  | ExpectStatement
  | OptionStatement;

export interface Script {
  readonly statements: readonly Statement[];
  /** Number of lines in the source text. */
  readonly lineCount: number;
}
