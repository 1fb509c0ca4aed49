// Text from a script or capture on its way to a terminal. A raw ESC or BEL would be obeyed
// by the terminal (retitle it, clear it, move the cursor), so control characters are shown
// as the escapes a script would write for them.

/** `text` with every control character but tab and line feed written `\xNN` (C1 ones `\u00NN`). */
export function escapeControls(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isControl(c)) continue;
    out += text.slice(runStart, i) + (c < 0x80 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`);
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

function isControl(c: number): boolean {
  return (c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f);
}
