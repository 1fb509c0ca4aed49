// Runs inside the preview webview: the step-through's panel under the toolbar — which event
// the step is, on which line, and each concerned end's state with SND.UNA, SND.NXT and RCV.NXT
// after it. The words are the page's own (translated with the toolbar); the values are set as
// text, never as markup. A value that changed at this step is marked.

import type { TimelineView } from '../shared/previewProtocol';
import { stepAt, stepCount, type TimelineEndValues } from '../shared/previewSteps';

const VALUES = ['state', 'sndUna', 'sndNxt', 'rcvNxt'] as const;

export function showStepPanel(panel: HTMLElement, timeline: TimelineView, step: number | undefined): void {
  const total = stepCount(timeline.steps);
  const at = step === undefined || step >= total ? undefined : stepAt(timeline.steps, step);
  panel.hidden = at === undefined;
  if (at === undefined || step === undefined) return;
  const part = (id: string) => panel.querySelector<HTMLElement>(`#${id}`);
  const count = part('step-count');
  if (count !== null) count.textContent = `${step + 1} / ${total}`;
  const line = part('step-line');
  if (line !== null) line.textContent = String(at.line + 1);
  for (const kind of panel.querySelectorAll<HTMLElement>('[data-step-kind]')) kind.classList.toggle('step-shown', kind.dataset.stepKind === at.kind);
  const relative = panel.querySelector<HTMLElement>('.step-relative');
  if (relative !== null) relative.hidden = timeline.numbers !== 'relative';
  const before = step > 0 ? stepAt(timeline.steps, step - 1).ends : [];
  const rows = at.ends.map((end) => {
    const row = document.createElement('tr');
    row.dataset.end = String(end.end);
    const name = document.createElement('td');
    name.className = 'end-name';
    name.textContent = timeline.ends[end.end] ?? '';
    row.append(name);
    const was = before.find((b) => b.end === end.end);
    for (const key of VALUES) {
      const cell = document.createElement('td');
      cell.dataset.value = key;
      cell.textContent = shown(end[key]);
      if (was !== undefined && was[key] !== end[key]) cell.classList.add('changed');
      row.append(cell);
    }
    return row;
  });
  part('step-rows')?.replaceChildren(...rows);
}

function shown(value: TimelineEndValues[(typeof VALUES)[number]]): string {
  return value === null ? '—' : String(value);
}
