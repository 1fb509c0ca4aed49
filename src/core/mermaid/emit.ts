// Turns an analysed script into Mermaid sequence-diagram source plus a source map.

import type { Analysis } from '../analysis';
import type { StateNaming } from '../states';

export interface MermaidOptions {
  /** Overrides the script's `option states=`. */
  readonly states?: 'changes' | 'all' | 'none';
  /** Overrides the script's `option numbers=`. */
  readonly numbers?: 'as-written' | 'absolute';
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
  /** For each line of `text`, the 0-based source line it came from, or -1. */
  readonly lineMap: readonly number[];
}

export function emitMermaid(_analysis: Analysis, _options: MermaidOptions): MermaidDiagram {
  return { text: 'sequenceDiagram\n', messages: [], notes: [], lineMap: [-1] };
}
