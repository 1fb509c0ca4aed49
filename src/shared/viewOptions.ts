// The preview's view options, described once: each option's name, values, default, label
// and the tabs it acts on. Runs in the extension host and the webview (no vscode, no DOM).
// The toolbar's markup (extension/preview/html.ts), the webview's saved state and its
// toolbar wiring (webview/), the protocol's check (previewProtocol.ts) and the options the
// Mermaid emitter gets (extension/preview/renderModel.ts) are all derived from VIEW_OPTIONS:
// a new option is one entry here plus what the emitter does with it.

import type { DiagramTab } from './previewTabs';

interface ChoiceOption<V extends string> {
  readonly kind: 'choice';
  /** Shown before the drop-down. */
  readonly label: string;
  /** The drop-down's tooltip. */
  readonly title: string;
  readonly values: readonly { readonly value: V; readonly label: string }[];
  /** What the diagram shows when the user has not chosen: the script's `option` where it has one. */
  readonly fallback: V;
  readonly tabs: readonly DiagramTab[];
}

interface ToggleOption {
  readonly kind: 'toggle';
  readonly label: string;
  readonly title: string;
  readonly fallback: boolean;
  readonly tabs: readonly DiagramTab[];
}

function choice<const V extends string>(option: Omit<ChoiceOption<V>, 'kind'>): ChoiceOption<V> {
  return { kind: 'choice', ...option };
}

function toggle(option: Omit<ToggleOption, 'kind'>): ToggleOption {
  return { kind: 'toggle', ...option };
}

export const VIEW_OPTIONS = {
  states: choice({
    label: 'Notes',
    title: 'State notes beside the lifelines',
    values: [
      { value: 'changes', label: 'changes' },
      { value: 'all', label: 'all states' },
      { value: 'none', label: 'none' },
    ],
    fallback: 'changes',
    tabs: ['sequence'],
  }),
  numbers: choice({
    label: 'Numbers',
    title: 'seq and ack on the arrows: as the script writes them, relative to each ISN, absolute, or none',
    values: [
      { value: 'as-written', label: 'as written' },
      { value: 'relative', label: 'relative' },
      { value: 'absolute', label: 'absolute' },
      { value: 'none', label: 'none' },
    ],
    fallback: 'as-written',
    tabs: ['sequence'],
  }),
  autonumber: toggle({ label: 'Numbering', title: 'Number the arrows 1, 2, 3…', fallback: false, tabs: ['sequence'] }),
} as const;

export type ViewOptionName = keyof typeof VIEW_OPTIONS;
export const VIEW_OPTION_NAMES = Object.keys(VIEW_OPTIONS) as ViewOptionName[];

type ValueOf<O> = O extends ChoiceOption<infer V> ? V : O extends ToggleOption ? boolean : never;

/** The toolbar's choices; an absent option means "as the script says", else its fallback. */
export type ViewOptions = { readonly [K in ViewOptionName]?: ValueOf<(typeof VIEW_OPTIONS)[K]> };
/** Every option resolved: what the diagram shows. */
export type EffectiveViewOptions = { readonly [K in ViewOptionName]: ValueOf<(typeof VIEW_OPTIONS)[K]> };

function isValue(name: ViewOptionName, value: unknown): boolean {
  const option = VIEW_OPTIONS[name];
  if (option.kind === 'toggle') return typeof value === 'boolean';
  return option.values.some((v) => v.value === value);
}

/** Checks options that came from a webview or from saved state: known names, known values. */
export function isViewOptions(value: unknown): value is ViewOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  return Object.keys(fields).every((key) => fields[key] === undefined || (Object.prototype.hasOwnProperty.call(VIEW_OPTIONS, key) && isValue(key as ViewOptionName, fields[key])));
}

/** Checks a full set of resolved options (the host's `effective`). */
export function isEffectiveViewOptions(value: unknown): value is EffectiveViewOptions {
  return isViewOptions(value) && VIEW_OPTION_NAMES.every((name) => (value as Record<string, unknown>)[name] !== undefined);
}

/** The user's choice, else the script's own option (`scriptSays`), else the fallback. */
export function resolveViewOptions(options: ViewOptions, scriptSays: Partial<Record<ViewOptionName, unknown>>): EffectiveViewOptions {
  const resolved: Record<string, unknown> = {};
  for (const name of VIEW_OPTION_NAMES) {
    const fromScript = scriptSays[name];
    resolved[name] = options[name] ?? (isValue(name, fromScript) ? fromScript : VIEW_OPTIONS[name].fallback);
  }
  return resolved as EffectiveViewOptions;
}

/** `options` with `name` set to the toolbar's text `raw`, or undefined when `raw` is no value of it. */
export function withOption(options: ViewOptions, name: ViewOptionName, raw: string | boolean): ViewOptions | undefined {
  return isValue(name, raw) ? { ...options, [name]: raw } : undefined;
}
