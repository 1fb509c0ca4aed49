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

// - LAUNCHER_REQUEST + JSON LauncherRequest: the launcher does what only the browser can — set
//   the window's size, read boxes from the workbench's DOM, type keys — and writes the answer
//   as JSON to <ANSWER_DIR_VARIABLE>/<id>.json (under another name first, like screenshots).

/** What a line asking the launcher for something starts with; a JSON LauncherRequest follows. */
export const LAUNCHER_REQUEST = '@@ask ';
/** The environment variable naming the folder answers are written to; unset when no launcher answers. */
export const ANSWER_DIR_VARIABLE = 'TCPFLOW_ANSWER_DIR';
/** Request ids stay plain file names. */
export const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

export type LauncherRequest =
  /** Resizes the browser window (the page's viewport); answers `{}` once done. */
  | { readonly id: string; readonly type: 'viewport'; readonly width: number; readonly height: number }
  /** The boxes of the inlay hints in the visible text editor; answers InlayHintBoxes. */
  | { readonly id: string; readonly type: 'inlayHintBoxes' }
  /**
   * Types `text` into the focused editor `times` times, `undo`ing every other time, and times
   * each keystroke to the moment the number of error squiggles in the editor changes; answers
   * TypingLatency.
   */
  | { readonly id: string; readonly type: 'typingLatency'; readonly text: string; readonly times: number; readonly timeoutMs: number };

export interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface InlayHintBoxes {
  /** One entry per text editor showing in the editor area. */
  readonly editors: readonly {
    /** Where the text visibly ends: at the minimap or the vertical scrollbar, whichever is further left. */
    readonly visibleRight: number;
    readonly textLeft: number;
    /** The width of one character of the editor's font. */
    readonly charWidth: number;
    /** Every injected text (inlay hint and its padding), in document order. */
    readonly hints: readonly (Box & { readonly text: string })[];
  }[];
}

export interface TypingLatency {
  /** Keystroke (its keydown in the page) → squiggle count changed in the DOM, in ms, one per keystroke. */
  readonly samples: readonly number[];
  /** Keystroke → the editor's lines changed (the key's text drawn), in ms, for the same keystrokes. */
  readonly textDrawn: readonly number[];
}
