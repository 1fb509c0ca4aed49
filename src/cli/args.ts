// Parsing the tcpflow command line into one invocation, or a usage error.

import type { ImportFormat, MermaidOptions, StateNaming } from '../core';

export type CommandName = 'check' | 'mermaid' | 'states' | 'render' | 'import' | 'corpus';

export type Invocation =
  | { readonly kind: 'help'; readonly topic?: CommandName }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly files: readonly string[]; readonly json: boolean; readonly maxDiagnostics: number }
  | { readonly kind: 'mermaid'; readonly file: string; readonly mermaid: MermaidOptions; readonly maxDiagnostics: number }
  | { readonly kind: 'states'; readonly file: string; readonly naming: StateNaming; readonly maxDiagnostics: number }
  | {
      readonly kind: 'import';
      readonly file: string;
      readonly format?: ImportFormat;
      /** 1-based connection of a capture. */
      readonly connection?: number;
      /** `--list`: print the connections instead of importing. */
      readonly list: boolean;
      /** `--all`: every connection of a capture as one scenario. */
      readonly all: boolean;
      readonly output?: string;
      readonly force: boolean;
      readonly maxDiagnostics: number;
    }
  | { readonly kind: 'corpus'; readonly folders: readonly string[] }
  | {
      readonly kind: 'render';
      readonly view: RenderView;
      readonly file: string;
      readonly output: string;
      readonly theme: 'light' | 'dark';
      readonly background: RenderBackground;
      /** 1-based page of the preview's paging, or every page one below the other. */
      readonly page: number | 'all';
      readonly mermaid: MermaidOptions;
      readonly force: boolean;
    };

export type RenderBackground = 'transparent' | 'white' | 'theme';
export type RenderView = 'sequence' | 'ladder' | 'states';

export type ParsedArgs = { readonly ok: true; readonly invocation: Invocation } | { readonly ok: false; readonly error: string };

interface OptionSpec {
  /** Allowed values; absent for a switch. */
  readonly values?: readonly string[];
  /** Instead of `values`: any value of this kind (`page`: a count or `all`). */
  readonly free?: 'count' | 'path' | 'page';
  /** A one-letter spelling (`-o`). */
  readonly short?: string;
}

/** Diagnostics printed per file unless `--max-diagnostics` says otherwise. */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

const MAX_DIAGNOSTICS: OptionSpec = { free: 'count' };

const OPTIONS: Readonly<Record<CommandName, Readonly<Record<string, OptionSpec>>>> = {
  check: { json: {}, 'max-diagnostics': MAX_DIAGNOSTICS },
  mermaid: {
    states: { values: ['changes', 'all', 'none'] },
    numbers: { values: ['as-written', 'relative', 'absolute', 'none'] },
    naming: { values: ['rfc', 'netstat'] },
    autonumber: {},
    'max-diagnostics': MAX_DIAGNOSTICS,
  },
  states: { naming: { values: ['rfc', 'netstat'] }, 'max-diagnostics': MAX_DIAGNOSTICS },
  render: {
    view: { values: ['sequence', 'ladder', 'states'] },
    states: { values: ['changes', 'all', 'none'] },
    numbers: { values: ['as-written', 'relative', 'absolute', 'none'] },
    naming: { values: ['rfc', 'netstat'] },
    autonumber: {},
    theme: { values: ['light', 'dark'] },
    background: { values: ['transparent', 'white', 'theme'] },
    page: { free: 'page' },
    output: { free: 'path', short: '-o' },
    force: {},
  },
  import: {
    format: { values: ['packetdrill', 'tcpdump', 'pcap'] },
    connection: { free: 'count' },
    list: {},
    all: {},
    output: { free: 'path', short: '-o' },
    force: {},
    'max-diagnostics': MAX_DIAGNOSTICS,
  },
  corpus: {},
};

function isCommand(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, word);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError('no command given');
  if (first === '-h' || first === '--help') return ok({ kind: 'help' });
  if (first === '--version') return ok({ kind: 'version' });
  if (first === 'help') {
    if (rest.length === 0) return ok({ kind: 'help' });
    if (rest.length === 1 && isCommand(rest[0])) return ok({ kind: 'help', topic: rest[0] });
    return usageError(`no help for '${rest.join(' ')}'`);
  }
  if (first.startsWith('-')) return usageError(`unknown option '${first}'`);
  if (!isCommand(first)) return usageError(`unknown command '${first}'`);
  return parseCommand(first, rest);
}

function parseCommand(command: CommandName, args: readonly string[]): ParsedArgs {
  const specs = OPTIONS[command];
  const values = new Map<string, string | true>();
  const files: string[] = [];
  let optionsEnded = false;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return ok({ kind: 'help', topic: command });
    const short = Object.keys(specs).find((key) => specs[key].short === arg);
    const eq = short === undefined ? arg.indexOf('=') : -1;
    const name = short ?? (arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '');
    // Only the command's own names: `--constructor` or `--__proto__` are not options.
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (spec === undefined) return usageError(`unknown option '${eq < 0 ? arg : arg.slice(0, eq)}' for '${command}'`);
    if (spec.values === undefined && spec.free === undefined) {
      if (eq >= 0) return usageError(`option '--${name}' takes no value`);
      values.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    const expected = spec.values?.join('|') ?? (spec.free === 'count' ? 'a number from 1' : spec.free === 'page' ? "a page number from 1 or 'all'" : 'a file name');
    if (value === undefined || value === '') return usageError(`option '--${name}' needs a value: ${expected}`);
    if (spec.values !== undefined && !spec.values.includes(value)) {
      return usageError(`option '--${name}' must be one of ${expected}, not '${value}'`);
    }
    if (spec.free === 'count' && !(/^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value)))) return usageError(`option '--${name}' must be ${expected}, not '${value}'`);
    if (spec.free === 'page' && !/^([1-9]\d{0,8}|all)$/.test(value)) return usageError(`option '--${name}' must be ${expected}, not '${value}'`);
    values.set(name, value);
  }

  const maxDiagnostics = values.has('max-diagnostics') ? Number(values.get('max-diagnostics')) : DEFAULT_MAX_DIAGNOSTICS;
  if (command === 'check') {
    if (files.length === 0) return usageError(`'check' needs at least one file`);
    return ok({ kind: 'check', files, json: values.has('json'), maxDiagnostics });
  }
  if (command === 'corpus') {
    if (files.length === 0) return usageError(`'corpus' needs at least one folder`);
    return ok({ kind: 'corpus', folders: files });
  }
  if (files.length !== 1) return usageError(`'${command}' takes exactly one file, got ${files.length}`);
  if (command === 'import') {
    if (values.has('all') && values.has('connection')) return usageError(`'--all' and '--connection' cannot be used together`);
    return ok({
      kind: 'import',
      file: files[0],
      format: values.get('format') as ImportFormat | undefined,
      connection: values.has('connection') ? Number(values.get('connection')) : undefined,
      list: values.has('list'),
      all: values.has('all'),
      output: values.get('output') as string | undefined,
      force: values.has('force'),
      maxDiagnostics,
    });
  }
  const naming = (values.get('naming') ?? 'rfc') as StateNaming;
  if (command === 'states') return ok({ kind: 'states', file: files[0], naming, maxDiagnostics });

  const mermaid: { -readonly [K in keyof MermaidOptions]: MermaidOptions[K] } = { naming };
  if (values.has('states')) mermaid.states = values.get('states') as MermaidOptions['states'];
  if (values.has('numbers')) mermaid.numbers = values.get('numbers') as MermaidOptions['numbers'];
  if (values.has('autonumber')) mermaid.autonumber = true;
  if (command === 'render') {
    const output = values.get('output');
    if (typeof output !== 'string' || !/\.(svg|png)$/i.test(output)) return usageError(`'render' needs -o <file.svg> or -o <file.png>`);
    const theme = values.get('theme') === 'dark' ? 'dark' : 'light';
    const view = (values.get('view') ?? 'sequence') as RenderView;
    const background = (values.get('background') ?? 'transparent') as RenderBackground;
    const page = values.get('page');
    return ok({ kind: 'render', view, file: files[0], output, theme, background, page: page === undefined ? 1 : page === 'all' ? 'all' : Number(page), mermaid, force: values.has('force') });
  }
  return ok({ kind: 'mermaid', file: files[0], mermaid, maxDiagnostics });
}

function ok(invocation: Invocation): ParsedArgs {
  return { ok: true, invocation };
}

function usageError(error: string): ParsedArgs {
  return { ok: false, error };
}
