// Turns an analysed script into Mermaid sequence-diagram source plus a source map.
// Runs on every keystroke: one pass over the statements and the timeline, lines collected
// in an array and joined once. All script text goes through escapeMermaidText; participant
// ids are generated (`p0`, `p1`…), so no user text ever becomes Mermaid syntax.

import type { Analysis, SegmentInfo } from '../../analysis';
import type { DeliverStatement, SegmentStatement, SimultaneousStatement, Statement } from '../../syntax/ast';
import { payloadRawOf, receiverName, senderName } from '../../syntax/segmentNode';
import type { StateNaming } from '../../states';
import { deliveredSegments } from '../../engine/segmentTable';
import { escapeMermaidText } from './escape';
import { composeLabel, cutPayload, labelParts, PAYLOAD_MAX_CHARS, type NumberStyle } from './labels';
import { DiagramOutput } from './output';
import { StateNotes } from './stateNotes';

export interface MermaidOptions {
  /** Overrides the script's `option states=`. */
  readonly states?: 'changes' | 'all' | 'none';
  /** Overrides the script's `option numbers=`. */
  readonly numbers?: NumberStyle;
  /** Longest payload shown in a label, in characters (default PAYLOAD_MAX_CHARS). */
  readonly payloadChars?: number;
  readonly naming?: StateNaming;
  /** Mermaid `autonumber`. */
  readonly autonumber?: boolean;
}

export interface MermaidDiagram {
  readonly text: string;
  /** 0-based source line of each message arrow, in drawing order. */
  readonly messages: readonly number[];
  /** 0-based source line of each note, in drawing order. */
  readonly notes: readonly number[];
  /** Indexes (into `notes`) of the notes that are section banners, to be drawn as such. */
  readonly sections: readonly number[];
  /** The whole label of each message whose label was shortened, for its tooltip. */
  readonly fullLabels: readonly { readonly message: number; readonly text: string }[];
  /** For each line of `text`, the 0-based source line it came from, or -1. */
  readonly lineMap: readonly number[];
}

/** Section bands alternate between these tints, faint enough for light and dark themes. */
const SECTION_TINTS = ['rgba(38, 139, 210, 0.08)', 'rgba(133, 153, 0, 0.08)'];
const INVALID_TINT = 'rgba(220, 50, 47, 0.18)';

/** `…` as escapeMermaidText writes it. */
const ELLIPSIS = '#8230;';

const ARROWS: Readonly<Record<SegmentStatement['arrow'], string>> = { '->': '->>', '-x': '-x', '~>': '-->>' };

export function emitMermaid(analysis: Analysis, options: MermaidOptions): MermaidDiagram {
  return new Emitter(analysis, options).emit();
}

class Emitter {
  private readonly out = new DiagramOutput();
  private readonly states: StateNotes;
  private readonly numbers: NumberStyle;
  private readonly payloadChars: number;
  private readonly columns = new Map<string, number>();
  /** Column span of every participant, `p0,pN` (or `p0` alone), for banners. */
  private readonly everyone: string;
  /** Lines with an error diagnostic: a segment there without SegmentInfo is still shown invalid. */
  private readonly errorLines = new Set<number>();
  /** The segment that each `deliver` line delivered. */
  private readonly deliveries = new Map<number, SegmentInfo>();
  /** Receiver of each `~>` segment seen so far, by label, for a `deliver` the engine did not match. */
  private readonly delayedTo = new Map<string, number>();
  private sections = 0;
  private inSection = false;

  constructor(
    private readonly analysis: Analysis,
    private readonly options: MermaidOptions,
  ) {
    const endpoints = analysis.endpoints;
    endpoints.forEach((e, k) => this.columns.set(e.name, k));
    this.everyone = endpoints.length > 1 ? `p0,p${endpoints.length - 1}` : 'p0';
    this.numbers = options.numbers ?? analysis.options.numbers;
    this.payloadChars = Math.max(2, options.payloadChars ?? PAYLOAD_MAX_CHARS);
    const mode = options.states ?? analysis.options.states;
    this.states = new StateNotes(this.out, endpoints, analysis.timeline, mode, options.naming ?? 'rfc', analysis.connections);
    for (const d of analysis.diagnostics) if (d.severity === 'error') this.errorLines.add(d.range.start.line);
    for (const info of deliveredSegments(analysis.segments)) this.deliveries.set(info.deliveredAt!, info);
  }

  emit(): MermaidDiagram {
    const { out, analysis } = this;
    out.open('sequenceDiagram', -1);
    if (this.options.autonumber) out.line('autonumber', -1);
    this.title();
    analysis.endpoints.forEach((e, k) => {
      const label = escapeMermaidText(e.label);
      const address = e.address !== undefined ? `<br/>${escapeMermaidText(e.address)}` : '';
      out.line(`participant p${k} as ${label}${address}`, e.declaredAt ?? -1);
    });
    this.states.initial(analysis.endpoints);
    const statements = analysis.script.statements;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      this.states.through(statement.line - 1);
      this.statement(statement);
    }
    this.states.through(Number.POSITIVE_INFINITY);
    this.closeSection();
    return out.finish();
  }

  private title(): void {
    const statement = this.analysis.script.statements.find((s) => s.kind === 'title');
    const text = statement?.text ?? this.analysis.options.title;
    if (text !== undefined && text.trim() !== '') this.out.line(`title ${escapeMermaidText(text)}`, statement?.line ?? -1);
  }

  private statement(statement: Statement): void {
    const { out } = this;
    switch (statement.kind) {
      case 'segment':
        this.segment(statement);
        this.states.through(statement.line, statement.line);
        return;
      case 'simultaneous':
        this.simultaneous(statement);
        return;
      case 'deliver':
        this.deliver(statement);
        this.states.through(statement.line, statement.line);
        return;
      case 'section':
        this.section(statement.title, statement.line);
        break;
      case 'wait':
        if (this.hasEndpoints()) out.note(`Note over ${this.everyone}: ${escapeMermaidText(`wait ${statement.duration.text}`)}`, statement.line);
        break;
      case 'note': {
        const over = this.span(statement.endpoints.map((e) => e.name));
        if (over !== undefined) out.note(`Note over ${over}: ${escapeMermaidText(statement.text)}`, statement.line);
        break;
      }
      case 'call': {
        const k = this.columns.get(statement.endpoint.name);
        // A call on one of several connections says which: `close() to bob`.
        const peer = statement.connection?.peer?.name;
        if (k !== undefined) out.note(`Note over p${k}: ${escapeMermaidText(`${statement.call}()${peer ? ` to ${peer}` : ''}`)}`, statement.line);
        break;
      }
      case 'title':
      case 'participant':
      case 'expect':
      case 'option':
        break;
    }
    this.states.through(statement.line);
  }

  private section(title: string, line: number): void {
    if (!this.hasEndpoints()) return;
    this.closeSection();
    this.out.open(`rect ${SECTION_TINTS[this.sections % SECTION_TINTS.length]}`, line);
    this.out.section(`Note over ${this.everyone}: ${escapeMermaidText(title)}`, line);
    this.sections++;
    this.inSection = true;
  }

  private closeSection(): void {
    if (!this.inSection) return;
    this.out.close('end', -1);
    this.inSection = false;
  }

  private segment(statement: SegmentStatement): void {
    const info = this.analysis.segments.get(statement.line);
    const src = info?.src ?? this.columns.get(senderName(statement));
    const dst = info?.dst ?? this.columns.get(receiverName(statement));
    if (statement.arrow === '~>' && statement.label !== undefined && dst !== undefined) {
      this.delayedTo.set(statement.label.name, dst);
    }
    if (src === undefined || dst === undefined) return;
    const invalid = info !== undefined ? info.invalid : this.errorLines.has(statement.line);
    const parts = labelParts(statement, info, this.numbers);
    const raw = payloadRawOf(statement);
    const kept = raw === undefined ? undefined : cutPayload(raw, this.payloadChars);
    let label: string;
    let full: string | undefined;
    if (raw !== undefined && kept !== undefined) {
      // Escaped on either side of the cut's `…`, which is the same text as escaping the whole
      // label, but keeps the diagram's text in one byte per character.
      const before = composeLabel({ head: parts.head, markers: '', suffix: '' }, `"${kept}`, invalid);
      const after = parts.markers !== '' ? `" ${parts.markers}${parts.suffix}` : `"${parts.suffix}`;
      label = `${escapeMermaidText(before)}${ELLIPSIS}${escapeMermaidText(after)}`;
      // The tooltip holds the label with the whole payload.
      full = composeLabel(parts, `"${raw}"`, invalid);
    } else {
      label = escapeMermaidText(composeLabel(parts, raw === undefined ? undefined : `"${raw}"`, invalid));
    }
    const message = `p${src}${ARROWS[statement.arrow]}p${dst}: ${label}`;
    if (invalid) this.out.open(`rect ${INVALID_TINT}`, statement.line);
    this.out.message(message, statement.line, full);
    if (invalid) this.out.close('end', statement.line);
  }

  /** One `par` branch per segment; the arrivals, on the `end` line, follow the block. */
  private simultaneous(block: SimultaneousStatement): void {
    const { out } = this;
    this.states.through(block.line);
    block.segments.forEach((segment, i) => {
      if (i === 0) out.open('par simultaneous', block.line);
      else out.close('and', segment.line, true);
      this.states.through(segment.line - 1);
      this.segment(segment);
      this.states.through(segment.line, segment.line);
    });
    if (block.segments.length > 0) out.close('end', block.endLine ?? -1);
    if (block.endLine !== undefined) this.states.through(block.endLine, block.endLine);
  }

  private deliver(statement: DeliverStatement): void {
    const receiver = this.deliveries.get(statement.line)?.dst ?? this.delayedTo.get(statement.label.name);
    if (receiver === undefined) return;
    this.out.note(`Note over p${receiver}: ${escapeMermaidText(`${statement.label.name} arrives`)}`, statement.line);
  }

  /** `pA,pB` from the leftmost to the rightmost of the named endpoints; unknown names are skipped. */
  private span(names: readonly string[]): string | undefined {
    let min = Number.POSITIVE_INFINITY;
    let max = -1;
    for (const name of names) {
      const k = this.columns.get(name);
      if (k === undefined) continue;
      min = Math.min(min, k);
      max = Math.max(max, k);
    }
    if (max < 0) return undefined;
    return min === max ? `p${min}` : `p${min},p${max}`;
  }

  private hasEndpoints(): boolean {
    return this.analysis.endpoints.length > 0;
  }
}
