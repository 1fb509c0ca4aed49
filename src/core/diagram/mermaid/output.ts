// Collects the diagram's lines together with the source map the preview reads: the
// source line of every text line, of every message arrow and of every note, in order.
// Kept compact, since an editor keeps a long script's diagram alive: the lines joined a
// block at a time (no array of every line, no rope of pieces), the maps as exact-size
// arrays, and the whole labels of shortened messages as one string until they are asked for.

import type { MermaidDiagram } from './emit';

const INDENT = '  ';
/** Lines joined into one string at a time (see SvgWriter for why not one long string). */
const BLOCK = 512;

export class DiagramOutput {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private readonly lineMap: number[] = [];
  private readonly messages: number[] = [];
  private readonly notes: number[] = [];
  private readonly sections: number[] = [];
  private readonly fullLabels = new FullLabels();
  private depth = 0;
  private indent = '';

  /** A line that neither draws a message nor a note (`rect`, `par`, `end`, `participant`…). */
  line(text: string, source: number): void {
    this.pending.push(this.indent === '' ? text : this.indent + text);
    if (this.pending.length === BLOCK) this.flush();
    this.lineMap.push(source);
  }

  /** A message arrow; `fullLabel` is its whole label when `text` shows it shortened. */
  message(text: string, source: number, fullLabel?: string): void {
    this.line(text, source);
    if (fullLabel !== undefined) this.fullLabels.add(this.messages.length, fullLabel);
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
    this.flush();
    const fullLabels = this.fullLabels.seal();
    const diagram = {
      text: this.blocks.join(''),
      messages: this.messages.slice(),
      notes: this.notes.slice(),
      sections: this.sections.slice(),
      fullLabels: [] as MermaidDiagram['fullLabels'],
      lineMap: this.lineMap.slice(),
    };
    // Made when read: the preview reads them only for a diagram it draws whole.
    let made: MermaidDiagram['fullLabels'] | undefined;
    Object.defineProperty(diagram, 'fullLabels', { enumerable: true, get: () => (made ??= fullLabels()) });
    return diagram;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.pending.push('');
    this.blocks.push(this.pending.join('\n'));
    this.pending = [];
  }

  private setDepth(depth: number): void {
    this.depth = depth;
    this.indent = INDENT.repeat(depth);
  }
}

/** The whole labels of shortened messages, kept as one string with where each ends. */
class FullLabels {
  /** Labels joined a block at a time, as the lines are. */
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private readonly messages: number[] = [];
  private readonly ends: number[] = [];
  private length = 0;

  add(message: number, text: string): void {
    this.messages.push(message);
    this.length += text.length;
    this.ends.push(this.length);
    this.pending.push(text);
    if (this.pending.length === BLOCK) this.flush();
  }

  /** Frees the pieces and returns how to make the list again. */
  seal(): () => { readonly message: number; readonly text: string }[] {
    const count = this.messages.length;
    if (count === 0) return () => [];
    this.flush();
    const messages = Int32Array.from(this.messages);
    const ends = Int32Array.from(this.ends);
    const all = this.blocks.join('');
    this.blocks.length = 0;
    return () => {
      const list: { message: number; text: string }[] = [];
      for (let i = 0, start = 0; i < count; start = ends[i], i++) list.push({ message: messages[i], text: all.slice(start, ends[i]) });
      return list;
    };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(this.pending.join(''));
    this.pending = [];
  }
}
