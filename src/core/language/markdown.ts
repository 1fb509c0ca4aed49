// Script text shown in hovers: always as inline code, so no name, address or payload can
// turn into Markdown (or HTML) structure.

/** `text` as inline code, with a fence longer than any run of backticks inside it. */
export function code(text: string): string {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Seconds for people: `240 s (4 min)`, `0.5 s`. */
export function seconds(ms: number): string {
  const s = `${Number((ms / 1000).toFixed(3))} s`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${s} (${ms / 3_600_000} h)`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${s} (${ms / 60_000} min)`;
  return s;
}
