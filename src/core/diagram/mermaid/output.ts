// Collects the diagram's lines together with the source map the preview reads: the
// source line of every text line, of every message arrow and of every note, in order.

import type { MermaidDiagram } from './emit';

const INDENT = '  ';

export class DiagramOutput {
  private readonly lines: string[] = [];
  private readonly lineMap: number[] = [];
  private readonly messages: number[] = [];
  private readonly notes: number[] = [];
  private readonly sections: number[] = [];
  private readonly fullLabels: { message: number; text: string }[] = [];
  private depth = 0;
  private indent = '';

  /** A line that neither draws a message nor a note (`rect`, `par`, `end`, `participant`…). */
  line(text: string, source: number): void {
    this.lines.push(this.indent + text);
    this.lineMap.push(source);
  }

  /** A message arrow; `fullLabel` is its whole label when `text` shows it shortened. */
  message(text: string, source: number, fullLabel?: string): void {
    this.line(text, source);
    if (fullLabel !== undefined) this.fullLabels.push({ message: this.messages.length, text: fullLabel });
    this.messages.push(source);
  }

  /** A note drawn as a section banner. */
  section(text: string, source: number): void {
    this.sections.push(this.notes.length);
    this.note(text, source);
  }

  note(text: string, source: number): void {
    this.line(text, source);
    this.notes.push(source);
  }

  /** Writes `text` and indents what follows. */
  open(text: string, source: number): void {
    this.line(text, source);
    this.setDepth(this.depth + 1);
  }

  /** Writes `text` (`end`, or `and` with `reopen`) one level out. */
  close(text: string, source: number, reopen = false): void {
    this.setDepth(this.depth - 1);
    this.line(text, source);
    if (reopen) this.setDepth(this.depth + 1);
  }

  finish(): MermaidDiagram {
    this.lines.push('');
    return { text: this.lines.join('\n'), messages: this.messages, notes: this.notes, sections: this.sections, fullLabels: this.fullLabels, lineMap: this.lineMap };
  }

  private setDepth(depth: number): void {
    this.depth = depth;
    this.indent = INDENT.repeat(depth);
  }
}
