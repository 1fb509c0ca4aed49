// The eleven RFC 9293 connection states, their spellings, and how they are shown.

export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

export const TCP_STATES: readonly TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

/** netstat / Linux / textbook spellings (upper case, '_' for '-'). */
const NETSTAT_NAME: Readonly<Record<TcpState, string>> = {
  CLOSED: 'CLOSED',
  LISTEN: 'LISTEN',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECEIVED': 'SYN_RCVD',
  ESTABLISHED: 'ESTABLISHED',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  'LAST-ACK': 'LAST_ACK',
  'TIME-WAIT': 'TIME_WAIT',
};

const ALIASES: ReadonlyMap<string, TcpState> = (() => {
  const map = new Map<string, TcpState>();
  for (const s of TCP_STATES) {
    const key = normalize(s);
    map.set(key, s);
  }
  const extra: Array<[string, TcpState]> = [
    ['SYNRCVD', 'SYN-RECEIVED'],
    ['SYNRECV', 'SYN-RECEIVED'],
    ['SYNRECEIVED', 'SYN-RECEIVED'],
    ['SYNSEND', 'SYN-SENT'],
    ['FINWAIT1', 'FIN-WAIT-1'],
    ['FINWAIT2', 'FIN-WAIT-2'],
    ['CLOSE', 'CLOSED'],
  ];
  for (const [k, v] of extra) map.set(k, v);
  return map;
})();

function normalize(name: string): string {
  return name.toUpperCase().replace(/[-_ ]/g, '');
}

/** Accepts the RFC form and the common netstat/textbook forms, case-insensitively. */
export function parseStateName(name: string): TcpState | undefined {
  return ALIASES.get(normalize(name));
}

export type StateNaming = 'rfc' | 'netstat';

export function stateLabel(state: TcpState, naming: StateNaming = 'rfc'): string {
  return naming === 'netstat' ? NETSTAT_NAME[state] : state;
}

/** The short names of RFC 9293's Figure 5 where they differ from the state's own. */
const FIGURE5_SHORT: Partial<Readonly<Record<TcpState, string>>> = {
  'SYN-RECEIVED': 'SYN-RCVD',
  ESTABLISHED: 'ESTAB',
};

/** A state's name where room is short (inlay hints): Figure 5's short forms, or the netstat name. */
export function shortStateLabel(state: TcpState, naming: StateNaming = 'rfc'): string {
  return naming === 'netstat' ? NETSTAT_NAME[state] : (FIGURE5_SHORT[state] ?? state);
}

/** States in which both sequence spaces are synchronized (RFC 9293 §3.5). */
export function isSynchronized(state: TcpState): boolean {
  return !(state === 'CLOSED' || state === 'LISTEN' || state === 'SYN-SENT' || state === 'SYN-RECEIVED');
}
