// Runs inside the extension host, in integration tests: asks the offline launcher for a
// picture of the workbench (the protocol is in launcherProtocol.ts) and waits until it is saved.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCREENSHOT_DIR_VARIABLE, SCREENSHOT_NAME, SCREENSHOT_REQUEST } from './launcherProtocol';
import { waitFor } from './waitFor';

/**
 * Saves the whole workbench page, webviews included, as test-artifacts/screenshots/<name>.png.
 * Does nothing where no browser shows the workbench (runElectron.ts), so tests call it freely.
 */
export async function screenshot(name: string): Promise<void> {
  const folder = process.env[SCREENSHOT_DIR_VARIABLE];
  if (!folder) {
    return;
  }
  if (!SCREENSHOT_NAME.test(name)) {
    throw new Error(`screenshot name ${JSON.stringify(name)} does not match ${SCREENSHOT_NAME}`);
  }
  const file = path.join(folder, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`${SCREENSHOT_REQUEST}${name}`);
  await waitFor(() => fs.existsSync(file), `the launcher to save ${file}`, 30_000);
}
