// Runs inside the web worker extension host, in the web integration tests: stands in for
// ../screenshot.ts, which waits on the disk for the launcher's picture. The desktop host's run
// takes the screenshots; here the shared suite files' calls do nothing.

export async function screenshot(_name: string): Promise<void> {}
