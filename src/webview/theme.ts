// Runs inside the preview webview and the Markdown preview: which Mermaid theme matches
// VS Code's, read from the classes VS Code puts on <body>, and a watch for theme changes.
// High contrast gets diagrams of its own (mermaidRenderer.ts), not the dark theme.

export type MermaidTheme = 'default' | 'dark' | 'hc-dark' | 'hc-light';

/** VS Code sets `vscode-light`, `vscode-dark`, `vscode-high-contrast` (+ `vscode-high-contrast-light`). */
export function mermaidTheme(body: HTMLElement): MermaidTheme {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'hc-light';
  if (classes.contains('vscode-high-contrast')) return 'hc-dark';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'default';
}

/** Calls `onChange` with the new theme whenever VS Code switches themes. */
export function watchTheme(body: HTMLElement, onChange: (theme: MermaidTheme) => void): MutationObserver {
  let current = mermaidTheme(body);
  const observer = new MutationObserver(() => {
    const next = mermaidTheme(body);
    if (next === current) return;
    current = next;
    onChange(next);
  });
  observer.observe(body, { attributes: true, attributeFilter: ['class'] });
  return observer;
}
