// The importers' public surface: packetdrill scripts and tcpdump text into .tcpflow.

export type { ImportCode, ImportDiagnostic, ImportResult } from './types';
export { importPacketdrill, type PacketdrillOptions } from './packetdrill';
export { describeConnection, importTcpdump, listConnections, type TcpdumpConnection, type TcpdumpOptions } from './tcpdump';
export { detectFormat, type Detection, type ImportFormat } from './detect';
export { IMPORTERS, importInput, importerFor, type ConnectionChoice, type ImportInput, type ImportInputOptions, type Importer, type Recognised } from './registry';
export { captureFormat, describeCaptureConnection, importCapture, listCaptureConnections, type CaptureConnection, type CaptureOptions } from './capture';
