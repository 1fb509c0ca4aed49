// Telling a packetdrill script from tcpdump text, by file name first and content second.
// (A pcap or pcapng file is told by its magic number, before its bytes are read as text.)

export type ImportFormat = 'packetdrill' | 'tcpdump' | 'pcap';

export type Detection =
  | { readonly format: Exclude<ImportFormat, 'pcap'> }
  | { readonly format?: undefined; readonly reason: string };

const TCPDUMP_LINE = /(?:^|\s)(?:IP6?|ethertype IPv[46] .*?:) (?:\(.*?\) )?\S+ > \S+: (?:Flags \[|UDP|ICMP)/;
const PACKETDRILL_LINE = /^\s*(?:\*|[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:\s*(?:~|\.\.\.)\s*[+-]?(?:\d+(?:\.\d+)?|\.\d+))?)\s+(?:[<>]\s|[a-z_][a-z0-9_]*\(|%\{|`)/;

/** `.pkt` is packetdrill; otherwise the format with more recognisable lines wins. */
export function detectFormat(text: string, fileName?: string): Detection {
  if (fileName !== undefined && /\.pkt$/i.test(fileName)) return { format: 'packetdrill' };
  // Binary bytes read as UTF-8 decode to NUL or U+FFFD; a pcap or pcapng file has been told apart already.
  const head = text.slice(0, 512);
  if (head.includes('\u0000') || head.includes('\uFFFD')) {
    return { reason: 'a binary file, and not a pcap or pcapng capture (no magic number of either at its start)' };
  }
  let tcpdump = 0;
  let packetdrill = 0;
  for (const line of text.split(/\r?\n/, 2000)) {
    if (TCPDUMP_LINE.test(line)) tcpdump++;
    else if (PACKETDRILL_LINE.test(line)) packetdrill++;
  }
  if (tcpdump === 0 && packetdrill === 0) {
    return { reason: 'neither a packetdrill script nor tcpdump output: no line looks like either (use --format to say which it is)' };
  }
  return { format: tcpdump >= packetdrill ? 'tcpdump' : 'packetdrill' };
}
