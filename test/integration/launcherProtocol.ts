// Shared by the offline launcher (runOffline.ts, in Node) and the code it starts in the
// extension host (index.ts, screenshot.ts). The extension host cannot reach the browser that
// drives the workbench; what it writes to its console can: the workbench hands each console
// line to the page's codeAutomationLog, which the launcher provides. So requests travel as
// console lines:
//
// - SUITE_START: the test entry announces the suite. The launcher prints every console line
//   from then on, prefixed; before it, only VS Code's warnings and errors (the rest of the
//   startup chatter is in test-artifacts/vscode-logs/ after the run).
// - SCREENSHOT_REQUEST + name: the launcher saves the whole workbench page — webviews are
//   iframes in it, so they are on the picture — as <SCREENSHOT_DIR_VARIABLE>/<name>.png,
//   writing it under another name first so that the file appears only when complete.

/** What the line that announces the suite starts with. */
export const SUITE_START = 'Integration tests: ';
/** What a line asking for a screenshot starts with; the name follows. */
export const SCREENSHOT_REQUEST = '@@screenshot ';
/** Names stay plain file names. */
export const SCREENSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** The environment variable naming the folder screenshots are saved in; unset when none are taken. */
export const SCREENSHOT_DIR_VARIABLE = 'TCPFLOW_SCREENSHOT_DIR';
