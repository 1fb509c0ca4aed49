// The preview's tabs, in toolbar order. Runs in the extension host and the webview (no
// vscode, no DOM). A new view is one entry here, its picture in the render message
// (previewProtocol.ts) and its drawing in webview/views.ts; toolbar controls name the tabs
// they act on (viewOptions.ts, extension/preview/html.ts) and are hidden on the others.

export const PREVIEW_TABS = [
  { id: 'sequence', label: 'Sequence', title: 'The segments as a sequence diagram' },
  { id: 'timeline', label: 'Timeline', title: 'The segments on a timing ladder: time runs down, each arrow slants by its delay' },
  { id: 'state', label: 'State machine', title: 'The RFC 9293 state machine, with the states each endpoint went through' },
] as const;

export type DiagramTab = (typeof PREVIEW_TABS)[number]['id'];
export const DIAGRAM_TABS: readonly DiagramTab[] = PREVIEW_TABS.map((tab) => tab.id);
