// The table of `tcpflow states`: every endpoint's state after each line that did something.

import { stateLabel, type Analysis, type StateNaming, type TcpState } from '../core';

/** Longest source excerpt shown in the table, in characters. */
export const SOURCE_WIDTH = 40;

/** Marks a state that changed on that row's line. */
export const CHANGED_MARK = '*';

/**
 * One row per source line with timeline steps (the state after the last step on that line),
 * after a `(start)` row with the initial states. Columns: 1-based line, the line's text,
 * then one column per endpoint in declaration order.
 */
export function statesTable(analysis: Analysis, text: string, naming: StateNaming): string {
  const sourceLines = text.split(/\r\n|\r|\n/);
  // One column per connection end (`server↔bob`) once a participant has several connections.
  const connections = analysis.connections;
  const names = connections ? connections.map((c) => c.label) : analysis.endpoints.map((e) => e.name);
  const rows: string[][] = [['line', 'source', ...names]];

  let previous: readonly (TcpState | undefined)[] = names.map((_, i) => analysis.endpoints[i]?.initial);
  rows.push(['', '(start)', ...previous.map((s) => (s === undefined ? '' : stateLabel(s, naming)))]);

  // Steps store what changed: the states are followed step by step, a row after each line's last step.
  // A step of a script with several connections per participant says which ends changed; before
  // the second connection exists, its endpoint updates are its end updates.
  const states = [...previous];
  const steps = analysis.timeline;
  steps.forEach((step, i) => {
    if (step.endUpdates) for (const { end, snapshot } of step.endUpdates) states[end] = snapshot.state;
    else for (const { endpoint, snapshot } of step.updates) states[endpoint] = snapshot.state;
    if (steps[i + 1]?.line === step.line) return;
    const cells = states.map((state, k) => {
      if (state === undefined) return '';
      return stateLabel(state, naming) + (state !== previous[k] ? CHANGED_MARK : '');
    });
    rows.push([String(step.line + 1), excerpt(sourceLines[step.line] ?? ''), ...cells]);
    previous = [...states];
  });
  return renderColumns(rows, new Set([0]));
}

function excerpt(line: string): string {
  const trimmed = line.trim();
  return trimmed.length <= SOURCE_WIDTH ? trimmed : `${trimmed.slice(0, SOURCE_WIDTH - 1)}…`;
}

/** Left-aligned columns two spaces apart (right-aligned where asked), no trailing blanks. */
function renderColumns(rows: readonly string[][], rightAligned: ReadonlySet<number>): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
