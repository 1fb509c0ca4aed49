// Runs in the extension host, bundled on its own as dist/importers.js: the core's importers,
// loaded only when an import command runs, so the main bundle stays small.

export { describeConnection, detectFormat, importPacketdrill, importTcpdump, listConnections } from '../core/import';
