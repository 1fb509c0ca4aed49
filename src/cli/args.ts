// Parsing the tcpflow command line into one invocation, or a usage error.

import type { ImportFormat, MermaidOptions, StateNaming } from '../core';

export type CommandName = 'check' | 'mermaid' | 'states' | 'render' | 'import' | 'corpus';

export type Invocation =
  | { readonly kind: 'help'; readonly topic?: CommandName }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly files: readonly string[]; readonly json: boolean }
  | { readonly kind: 'mermaid'; readonly file: string; readonly mermaid: MermaidOptions }
  | { readonly kind: 'states'; readonly file: string; readonly naming: StateNaming }
  | {
      readonly kind: 'import';
      readonly file: string;
      readonly format?: ImportFormat;
      /** 1-based connection of a capture. */
      readonly connection?: number;
      readonly output?: string;
      readonly force: boolean;
    }
  | { readonly kind: 'corpus'; readonly folders: readonly string[] }
  | {
      readonly kind: 'render';
      readonly view: RenderView;
      readonly file: string;
      readonly output: string;
      readonly theme: 'light' | 'dark';
      readonly mermaid: MermaidOptions;
      readonly force: boolean;
    };

export type RenderView = 'sequence' | 'ladder' | 'states';

export type ParsedArgs = { readonly ok: true; readonly invocation: Invocation } | { readonly ok: false; readonly error: string };

interface OptionSpec {
  /** Allowed values; absent for a switch. */
  readonly values?: readonly string[];
  /** Instead of `values`: any value of this kind. */
  readonly free?: 'count' | 'path';
  /** A one-letter spelling (`-o`). */
  readonly short?: string;
}

const OPTIONS: Readonly<Record<CommandName, Readonly<Record<string, OptionSpec>>>> = {
  check: { json: {} },
  mermaid: {
    states: { values: ['changes', 'all', 'none'] },
    numbers: { values: ['as-written', 'absolute'] },
    naming: { values: ['rfc', 'netstat'] },
    autonumber: {},
  },
  states: { naming: { values: ['rfc', 'netstat'] } },
  render: {
    view: { values: ['sequence', 'ladder', 'states'] },
    states: { values: ['changes', 'all', 'none'] },
    numbers: { values: ['as-written', 'absolute'] },
    naming: { values: ['rfc', 'netstat'] },
    autonumber: {},
    theme: { values: ['light', 'dark'] },
    output: { free: 'path', short: '-o' },
    force: {},
  },
  import: {
    format: { values: ['packetdrill', 'tcpdump'] },
    connection: { free: 'count' },
    output: { free: 'path', short: '-o' },
    force: {},
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
    const spec = specs[name];
    if (spec === undefined) return usageError(`unknown option '${eq < 0 ? arg : arg.slice(0, eq)}' for '${command}'`);
    if (spec.values === undefined && spec.free === undefined) {
      if (eq >= 0) return usageError(`option '--${name}' takes no value`);
      values.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    const expected = spec.values?.join('|') ?? (spec.free === 'count' ? 'a number from 1' : 'a file name');
    if (value === undefined || value === '') return usageError(`option '--${name}' needs a value: ${expected}`);
    if (spec.values !== undefined && !spec.values.includes(value)) {
      return usageError(`option '--${name}' must be one of ${expected}, not '${value}'`);
    }
    if (spec.free === 'count' && !/^[1-9]\d*$/.test(value)) return usageError(`option '--${name}' must be ${expected}, not '${value}'`);
    values.set(name, value);
  }

  if (command === 'check') {
    if (files.length === 0) return usageError(`'check' needs at least one file`);
    return ok({ kind: 'check', files, json: values.has('json') });
  }
  if (command === 'corpus') {
    if (files.length === 0) return usageError(`'corpus' needs at least one folder`);
    return ok({ kind: 'corpus', folders: files });
  }
  if (files.length !== 1) return usageError(`'${command}' takes exactly one file, got ${files.length}`);
  if (command === 'import') {
    return ok({
      kind: 'import',
      file: files[0],
      format: values.get('format') as ImportFormat | undefined,
      connection: values.has('connection') ? Number(values.get('connection')) : undefined,
      output: values.get('output') as string | undefined,
      force: values.has('force'),
    });
  }
  const naming = (values.get('naming') ?? 'rfc') as StateNaming;
  if (command === 'states') return ok({ kind: 'states', file: files[0], naming });

  const mermaid: { -readonly [K in keyof MermaidOptions]: MermaidOptions[K] } = { naming };
  if (values.has('states')) mermaid.states = values.get('states') as MermaidOptions['states'];
  if (values.has('numbers')) mermaid.numbers = values.get('numbers') as MermaidOptions['numbers'];
  if (values.has('autonumber')) mermaid.autonumber = true;
  if (command === 'render') {
    const output = values.get('output');
    if (typeof output !== 'string' || !/\.(svg|png)$/i.test(output)) return usageError(`'render' needs -o <file.svg> or -o <file.png>`);
    const theme = values.get('theme') === 'dark' ? 'dark' : 'light';
    const view = (values.get('view') ?? 'sequence') as RenderView;
    return ok({ kind: 'render', view, file: files[0], output, theme, mermaid, force: values.has('force') });
  }
  return ok({ kind: 'mermaid', file: files[0], mermaid });
}

function ok(invocation: Invocation): ParsedArgs {
  return { ok: true, invocation };
}

function usageError(error: string): ParsedArgs {
  return { ok: false, error };
}
