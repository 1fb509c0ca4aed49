// The colours of tcpflow's own drawings, for a light and a dark page. States are coloured
// by phase, the same way in the ladder and in the state machine.

import type { TcpState } from '../../states';

export interface Palette {
  readonly background: string;
  readonly ink: string;
  readonly muted: string;
  readonly lane: string;
  readonly header: string;
  readonly headerStroke: string;
  /** Behind text that sits on lines: the page colour. */
  readonly halo: string;
  readonly lost: string;
  readonly delayed: string;
  readonly retransmit: string;
  readonly keepalive: string;
  readonly invalid: string;
  readonly noteFill: string;
  readonly noteStroke: string;
  readonly sectionTints: readonly [string, string];
  readonly timers: Readonly<Record<'rto' | '2msl' | 'keepalive', string>>;
  readonly phases: Readonly<Record<Phase, string>>;
  /** The endpoints' colours in the state machine, by column; past the fifth they repeat. */
  readonly endpoints: readonly string[];
}

export type Phase = 'closed' | 'opening' | 'open' | 'closing' | 'timeWait';

export function phaseOf(state: TcpState): Phase {
  switch (state) {
    case 'CLOSED':
    case 'LISTEN':
      return 'closed';
    case 'SYN-SENT':
    case 'SYN-RECEIVED':
      return 'opening';
    case 'ESTABLISHED':
      return 'open';
    case 'TIME-WAIT':
      return 'timeWait';
    default:
      return 'closing';
  }
}

export const LIGHT: Palette = {
  background: '#ffffff',
  ink: '#1f2328',
  muted: '#59636e',
  lane: '#424a53',
  header: '#f6f8fa',
  headerStroke: '#8c959f',
  halo: '#ffffff',
  lost: '#cf222e',
  delayed: '#8250df',
  retransmit: '#bc4c00',
  keepalive: '#1b7c83',
  invalid: '#cf222e',
  noteFill: '#fff8c5',
  noteStroke: '#d4a72c',
  sectionTints: ['#0969da', '#1a7f37'],
  timers: { rto: '#bc4c00', '2msl': '#8250df', keepalive: '#1b7c83' },
  phases: { closed: '#6e7781', opening: '#9a6700', open: '#1a7f37', closing: '#0969da', timeWait: '#8250df' },
  endpoints: ['#0969da', '#bc4c00', '#1a7f37', '#bf3989', '#8250df'],
};

export const DARK: Palette = {
  background: '#0d1117',
  ink: '#e6edf3',
  muted: '#9198a1',
  lane: '#b7bdc8',
  header: '#161b22',
  headerStroke: '#6e7681',
  halo: '#0d1117',
  lost: '#ff7b72',
  delayed: '#d2a8ff',
  retransmit: '#ffa657',
  keepalive: '#56d4dd',
  invalid: '#ff7b72',
  noteFill: '#3b2e00',
  noteStroke: '#bb8009',
  sectionTints: ['#388bfd', '#3fb950'],
  timers: { rto: '#ffa657', '2msl': '#d2a8ff', keepalive: '#56d4dd' },
  phases: { closed: '#8b949e', opening: '#e3b341', open: '#3fb950', closing: '#58a6ff', timeWait: '#d2a8ff' },
  endpoints: ['#58a6ff', '#ffa657', '#3fb950', '#ff7ab8', '#d2a8ff'],
};
