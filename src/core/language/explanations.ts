// What each flag, field, marker, state and call means, in our words, with the section of
// the RFC that defines it: the text of hovers.

import type { CallName, FieldKind, FlagName, MarkerName } from '../syntax/ast';
import type { TcpState } from '../states';

export interface Explanation {
  /** What the abbreviation stands for, or the thing's name. */
  readonly title: string;
  readonly text: string;
  readonly reference: string;
}

export const FLAGS: Readonly<Record<FlagName, Explanation>> = {
  SYN: {
    title: 'synchronize sequence numbers',
    text: "Opens a connection: the segment carries the sender's initial sequence number (ISN), and the SYN itself takes up one sequence number, so the peer acknowledges ISN+1.",
    reference: 'RFC 9293 §3.1 (header), §3.5 (opening a connection)',
  },
  ACK: {
    title: 'acknowledgment',
    text: "The acknowledgment number is valid: it is the next sequence number the sender expects from its peer (its RCV.NXT), and everything before it is acknowledged. Every segment after the first SYN carries ACK, except a RST.",
    reference: 'RFC 9293 §3.1 (header), §3.4 (sequence numbers)',
  },
  FIN: {
    title: 'finish',
    text: 'The sender has no more data to send and closes its direction of the connection; it can still receive. Like SYN, a FIN takes up one sequence number.',
    reference: 'RFC 9293 §3.1 (header), §3.6 (closing a connection)',
  },
  RST: {
    title: 'reset',
    text: 'Aborts the connection at once, or refuses a segment that belongs to no connection. A RST is never answered.',
    reference: 'RFC 9293 §3.1 (header), §3.5.2 and §3.5.3 (reset generation and processing)',
  },
  PSH: {
    title: 'push',
    text: 'Asks the receiver to hand the data to the application now rather than wait for more. It does not change any state.',
    reference: 'RFC 9293 §3.1 (header)',
  },
  URG: {
    title: 'urgent',
    text: 'The urgent pointer is valid: the data up to it is urgent. Rarely used; RFC 6093 advises new applications against it.',
    reference: 'RFC 9293 §3.1 (header), §3.8.5 (urgent information)',
  },
  ECE: {
    title: 'ECN-Echo',
    text: 'On a SYN: the sender supports Explicit Congestion Notification. Afterwards: the receiver got a packet marked Congestion Experienced and tells the sender, until the sender answers with CWR.',
    reference: 'RFC 3168 §6.1 (ECN in TCP)',
  },
  CWR: {
    title: 'congestion window reduced',
    text: 'The sender has reduced its congestion window in answer to an ECN-Echo, so the receiver can stop echoing.',
    reference: 'RFC 3168 §6.1 (ECN in TCP)',
  },
};

export const FIELDS: Readonly<Record<FieldKind, Explanation>> = {
  seq: {
    title: 'sequence number',
    text: "The number of the segment's first octet: its SYN, or its first data byte. Left out, it is the sender's SND.NXT.",
    reference: 'RFC 9293 §3.1 (header), §3.4 (sequence numbers)',
  },
  ack: {
    title: 'acknowledgment number',
    text: 'The next sequence number the sender expects to receive (its RCV.NXT): everything before it is acknowledged. Only valid with the ACK flag; left out, it is filled in.',
    reference: 'RFC 9293 §3.1 (header)',
  },
  len: {
    title: 'payload length',
    text: 'How many bytes of data the segment carries, when the payload is not written out. SYN and FIN take up one more sequence number each.',
    reference: 'RFC 9293 §3.4 (SEG.LEN)',
  },
  win: {
    title: 'window',
    text: 'How many bytes, from the acknowledgment number on, the sender is ready to receive (its RCV.WND).',
    reference: 'RFC 9293 §3.1 (header), §3.8.6 (managing the window)',
  },
  mss: {
    title: 'Maximum Segment Size option',
    text: 'The largest payload the sender is willing to receive in one segment. Sent only on a SYN or SYN+ACK.',
    reference: 'RFC 9293 §3.7.1',
  },
  wscale: {
    title: 'Window Scale option',
    text: "The sender's window field is to be shifted left by this many bits (0 to 14). Sent only on a SYN or SYN+ACK.",
    reference: 'RFC 7323 §2',
  },
  sackOK: {
    title: 'SACK-Permitted option',
    text: 'The sender can receive selective acknowledgments. Sent only on a SYN or SYN+ACK.',
    reference: 'RFC 2018 §2',
  },
  ts: {
    title: 'Timestamps option',
    text: "The sender's clock value (TSval) and the echo of the peer's last one (TSecr): for round-trip time measurement and protection against wrapped sequence numbers (PAWS).",
    reference: 'RFC 7323 §3',
  },
  urg: {
    title: 'urgent pointer',
    text: 'Where the urgent data ends, as an offset from the sequence number. Meaningful only with the URG flag.',
    reference: 'RFC 9293 §3.1 (header), §3.8.5 (urgent information)',
  },
};

export const MARKERS: Readonly<Record<MarkerName, Explanation>> = {
  retransmit: {
    title: 'retransmission',
    text: "A re-send of a segment not yet acknowledged (data, a SYN or a FIN): its seq may be below the sender's SND.NXT, which it does not advance.",
    reference: 'RFC 9293 §3.8.1 (retransmission timeout)',
  },
  keepalive: {
    title: 'keep-alive probe',
    text: 'An ACK with seq = SND.NXT−1 and at most one byte, sent after the idle time with nothing outstanding. The peer answers with an ACK; no state changes.',
    reference: 'RFC 9293 §3.8.4, RFC 1122 §4.2.3.6',
  },
  duplicate: {
    title: 'old duplicate',
    text: "A segment left over from an earlier incarnation of the connection, still in the network: the sender's state is neither checked nor changed, but the receiver processes it as usual.",
    reference: 'RFC 9293 §3.5 (old duplicate SYNs)',
  },
};

export const STATES: Readonly<Record<TcpState, string>> = {
  CLOSED: 'No connection: the endpoint holds no state for it.',
  LISTEN: 'Waiting for a connection request, a SYN from any remote endpoint.',
  'SYN-SENT': "Has sent its SYN; waits for the peer's SYN, usually a SYN+ACK.",
  'SYN-RECEIVED': 'Has received a SYN and sent its own; waits for the acknowledgment of its SYN.',
  ESTABLISHED: 'The connection is open: data can flow both ways.',
  'FIN-WAIT-1': "Has sent its FIN; waits for its acknowledgment, or for the peer's FIN.",
  'FIN-WAIT-2': "Its FIN is acknowledged; waits for the peer's FIN, and can still receive data.",
  'CLOSE-WAIT': "Has received the peer's FIN; waits for the local application to close, and can still send data.",
  CLOSING: 'Both sides sent a FIN at about the same time; waits for the acknowledgment of its own.',
  'LAST-ACK': "Has received the peer's FIN and sent its own; waits for the last acknowledgment.",
  'TIME-WAIT':
    'Waits 2MSL, so that the peer has surely received the acknowledgment of its FIN and old duplicates of this connection have died out.',
};

export const STATE_REFERENCE = 'RFC 9293 §3.3.2';

export const CALLS: Readonly<Record<CallName, Explanation>> = {
  listen: {
    title: 'passive OPEN',
    text: 'Waits for a connection request: CLOSED → LISTEN at once.',
    reference: 'RFC 9293 §3.10.1',
  },
  connect: {
    title: 'active OPEN',
    text: 'Opens a connection from CLOSED or LISTEN: a SYN must follow from this endpoint.',
    reference: 'RFC 9293 §3.10.1',
  },
  close: {
    title: 'CLOSE',
    text: 'The application has no more data to send. In LISTEN or SYN-SENT the endpoint closes at once; in SYN-RECEIVED, ESTABLISHED or CLOSE-WAIT a FIN must follow; in FIN-WAIT-1 or FIN-WAIT-2 its FIN is already sent.',
    reference: 'RFC 9293 §3.10.4',
  },
  shutdown: {
    title: 'half-close',
    text: 'Closes the sending direction only: the endpoint can still receive. On the wire it is the same FIN as close.',
    reference: 'RFC 9293 §3.6.1, §3.10.4',
  },
  abort: {
    title: 'ABORT',
    text: 'Drops the connection. In LISTEN, SYN-SENT, CLOSING, LAST-ACK or TIME-WAIT the endpoint closes at once; in the other connected states a RST must follow.',
    reference: 'RFC 9293 §3.10.5',
  },
  crash: {
    title: 'host crash',
    text: 'The host loses all connection state without sending anything: the endpoint is CLOSED at once while its peer still believes the connection is open (a half-open connection).',
    reference: 'RFC 9293 §3.5.1',
  },
};

export const MSL_TEXT = 'the Maximum Segment Lifetime, how long a segment may survive in the network';
export const MSL_REFERENCE = 'RFC 9293 §3.4.2';
