// From a captured frame to the IP packet inside it, by link type: Ethernet (with VLAN tags),
// Linux cooked SLL and SLL2, BSD null and loopback, raw IP. What tcpflow does not read is
// said in words, so that the packet can be reported or counted.

/** The IP packet of a frame (a view), the direction the link layer tells, or why there is none. */
export type LinkResult =
  | { readonly ip: Uint8Array; readonly version: 4 | 6; readonly direction?: 'In' | 'Out' }
  | { readonly skip: string }
  | { readonly malformed: string };

/** The link types read, with what they are called (for problems and the docs). */
export const LINK_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'BSD null/loopback'],
  [1, 'Ethernet'],
  [12, 'raw IP'],
  [14, 'raw IP'],
  [101, 'raw IP'],
  [108, 'OpenBSD loopback'],
  [113, 'Linux cooked (SLL)'],
  [228, 'raw IPv4'],
  [229, 'raw IPv6'],
  [276, 'Linux cooked v2 (SLL2)'],
]);

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

export function linkPayload(linkType: number, frame: Uint8Array): LinkResult {
  switch (linkType) {
    case 1:
      return ethernet(frame);
    case 0:
    case 108:
      return bsdLoopback(frame, linkType === 108);
    case 12:
    case 14:
    case 101:
      return rawIp(frame, undefined);
    case 228:
      return rawIp(frame, 4);
    case 229:
      return rawIp(frame, 6);
    case 113:
      return cooked(frame, 16, 14, 0);
    case 276:
      return cooked(frame, 20, 0, 10);
    default:
      return { skip: `link type ${linkType}, which tcpflow does not read (it reads ${[...new Set(LINK_TYPES.values())].join(', ')})` };
  }
}

function ethernet(frame: Uint8Array): LinkResult {
  let offset = 12;
  for (;;) {
    if (frame.length < offset + 2) return { malformed: `the Ethernet header is cut at ${frame.length} bytes` };
    const type = (frame[offset] << 8) | frame[offset + 1];
    if (VLAN_TAGS.has(type)) {
      offset += 4;
      continue;
    }
    return byEthertype(type, frame.subarray(offset + 2), undefined);
  }
}

/** SLL (16-byte header, protocol at 14, packet type at 0) and SLL2 (20 bytes, protocol at 0, packet type at 10). */
function cooked(frame: Uint8Array, headerLength: number, protocolAt: number, packetTypeAt: number): LinkResult {
  if (frame.length < headerLength) return { malformed: `the Linux cooked header is cut at ${frame.length} of ${headerLength} bytes` };
  const protocol = (frame[protocolAt] << 8) | frame[protocolAt + 1];
  const packetType = headerLength === 16 ? (frame[packetTypeAt] << 8) | frame[packetTypeAt + 1] : frame[packetTypeAt];
  // 0: to this host, 4: sent by it (the two copies `-i any` shows of a loopback packet).
  const direction = packetType === 4 ? 'Out' : packetType === 0 ? 'In' : undefined;
  return byEthertype(protocol, frame.subarray(headerLength), direction);
}

function byEthertype(type: number, payload: Uint8Array, direction: 'In' | 'Out' | undefined): LinkResult {
  if (type === ETHERTYPE_IPV4) return rawIp(payload, 4, direction);
  if (type === ETHERTYPE_IPV6) return rawIp(payload, 6, direction);
  return { skip: `not IP (ethertype 0x${type.toString(16).padStart(4, '0')})` };
}

/** A 4-byte address family: in the capturing host's byte order (null), or network order (loop). */
function bsdLoopback(frame: Uint8Array, networkOrder: boolean): LinkResult {
  if (frame.length < 4) return { malformed: `the loopback header is cut at ${frame.length} of 4 bytes` };
  const be = ((frame[0] << 24) | (frame[1] << 16) | (frame[2] << 8) | frame[3]) >>> 0;
  const le = ((frame[3] << 24) | (frame[2] << 16) | (frame[1] << 8) | frame[0]) >>> 0;
  const family = networkOrder ? be : Math.min(be, le);
  if (family === 2) return rawIp(frame.subarray(4), 4);
  // AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS.
  if (family === 10 || family === 24 || family === 28 || family === 30) return rawIp(frame.subarray(4), 6);
  return { skip: `not IP (address family ${family})` };
}

function rawIp(ip: Uint8Array, expected: 4 | 6 | undefined, direction?: 'In' | 'Out'): LinkResult {
  if (ip.length < 1) return { malformed: 'the IP header is missing: the frame ends at the link header' };
  const version = ip[0] >> 4;
  if (version !== 4 && version !== 6) return { malformed: `IP version ${version}: expected 4 or 6` };
  if (expected !== undefined && version !== expected) return { malformed: `IP version ${version} where the link layer says IPv${expected}` };
  return { ip, version, direction };
}
