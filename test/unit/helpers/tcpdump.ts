// Shared by the live capture tests: waiting for tcpdump to start capturing.

import type { ChildProcess } from 'node:child_process';

/** Resolves when tcpdump reports that it is listening; rejects with its words when it exits first. */
export function tcpdumpReady(tcpdump: ChildProcess, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start listening within ${deadlineMs}ms: ${stderr.trim()}`)), deadlineMs);
    tcpdump.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    tcpdump.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    tcpdump.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tcpdump exited (${code}) before capturing: ${stderr.trim()}`));
    });
  });
}
