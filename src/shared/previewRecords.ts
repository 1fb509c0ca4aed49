// A long list of like records (a long ladder's segments and state labels) as columns, for
// the message to the webview: each number field (and each x and y of a point field) in a
// Float64Array, each true/false field in a Uint8Array, each text field with few distinct
// values as indexes into them, any other text field as one string cut at offsets, anything
// else as a plain array. Typed arrays and one long string cross to the
// webview as buffers (VS Code transfers them without JSON), so 100,000 segments arrive in
// milliseconds, and the webview turns back into objects only the few it draws. The packing
// follows the records' own fields: it needs no list of them.

type Column =
  | { readonly kind: 'number'; readonly values: Float64Array }
  | { readonly kind: 'point'; readonly x: Float64Array; readonly y: Float64Array }
  | { readonly kind: 'boolean'; readonly values: Uint8Array }
  | { readonly kind: 'choice'; readonly choices: readonly string[]; readonly values: Uint8Array }
  | { readonly kind: 'text'; readonly text: string; readonly ends: Int32Array }
  | { readonly kind: 'any'; readonly values: readonly unknown[] };

export interface PackedRecords {
  readonly length: number;
  readonly columns: Readonly<Record<string, Column>>;
}

/** Text fields with at most this many distinct values are written as indexes. */
const MAX_CHOICES = 255;

export function packRecords(records: readonly object[]): PackedRecords {
  const fields = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) fields.add(key);
  const columns: Record<string, Column> = {};
  for (const field of fields) columns[field] = packColumn(records.map((r) => (r as Record<string, unknown>)[field]));
  return { length: records.length, columns };
}

function packColumn(values: readonly unknown[]): Column {
  if (values.every((v) => typeof v === 'number')) return { kind: 'number', values: Float64Array.from(values as number[]) };
  if (values.every((v) => typeof v === 'boolean')) return { kind: 'boolean', values: Uint8Array.from(values as boolean[], (v) => (v ? 1 : 0)) };
  if (values.every(isPoint)) return { kind: 'point', x: Float64Array.from(values, (p) => p.x), y: Float64Array.from(values, (p) => p.y) };
  if (values.every((v) => typeof v === 'string')) {
    const choices = [...new Set(values as string[])];
    if (choices.length <= MAX_CHOICES) {
      const index = new Map(choices.map((c, i) => [c, i]));
      return { kind: 'choice', choices, values: Uint8Array.from(values as string[], (v) => index.get(v) ?? 0) };
    }
    let end = 0;
    return { kind: 'text', text: (values as string[]).join(''), ends: Int32Array.from(values as string[], (v) => (end += v.length)) };
  }
  return { kind: 'any', values: [...values] };
}

function isPoint(value: unknown): value is { x: number; y: number } {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return Object.keys(p).length === 2 && typeof p.x === 'number' && typeof p.y === 'number';
}

/** Records `from` to `to` (excluded) as objects again, with the fields they were packed with. */
export function unpackRecords<T>(packed: PackedRecords, from = 0, to = packed.length): T[] {
  const records: Record<string, unknown>[] = [];
  const entries = Object.entries(packed.columns);
  for (let i = from; i < to; i++) {
    const record: Record<string, unknown> = {};
    for (const [field, column] of entries) {
      const value = valueAt(column, i);
      if (value !== undefined) record[field] = value;
    }
    records.push(record);
  }
  return records as T[];
}

function valueAt(column: Column, i: number): unknown {
  switch (column.kind) {
    case 'number':
      return column.values[i];
    case 'point':
      return { x: column.x[i], y: column.y[i] };
    case 'boolean':
      return column.values[i] === 1;
    case 'choice':
      return column.choices[column.values[i]];
    case 'text':
      return column.text.slice(i > 0 ? column.ends[i - 1] : 0, column.ends[i]);
    case 'any':
      return column.values[i];
  }
}

/**
 * The numbers of a number field, or of a point field's x or y (`field.y`), without making
 * objects; undefined when the records have no such field.
 */
export function numbersOf(packed: PackedRecords, field: string): Float64Array | undefined {
  const [name, axis] = field.split('.');
  const column = packed.columns[name] as Column | undefined;
  if (column?.kind === 'number' && axis === undefined) return column.values;
  if (column?.kind === 'point' && (axis === 'x' || axis === 'y')) return column[axis];
  return undefined;
}

/** Checks packed records received from the host: every column of the right type and length. */
export function isPackedRecords(value: unknown): value is PackedRecords {
  if (typeof value !== 'object' || value === null) return false;
  const { length, columns } = value as Record<string, unknown>;
  if (!Number.isInteger(length) || (length as number) < 0 || typeof columns !== 'object' || columns === null) return false;
  return Object.values(columns).every((column) => isColumn(column, length as number));
}

function isColumn(value: unknown, length: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  switch (c.kind) {
    case 'number':
      return is(c.values, 'Float64Array', length);
    case 'point':
      return is(c.x, 'Float64Array', length) && is(c.y, 'Float64Array', length);
    case 'boolean':
      return is(c.values, 'Uint8Array', length);
    case 'choice': {
      if (!Array.isArray(c.choices) || !c.choices.every((s) => typeof s === 'string') || !is(c.values, 'Uint8Array', length)) return false;
      const count = c.choices.length;
      return (c.values as Uint8Array).every((v) => v < count);
    }
    case 'text': {
      if (typeof c.text !== 'string' || !is(c.ends, 'Int32Array', length)) return false;
      const ends = c.ends as Int32Array;
      for (let i = 0; i < length; i++) if (ends[i] < (i > 0 ? ends[i - 1] : 0)) return false;
      return length === 0 || ends[length - 1] === c.text.length;
    }
    case 'any':
      return Array.isArray(c.values) && c.values.length === length;
    default:
      return false;
  }
}

/** By its tag, not instanceof: the arrays may come from another window of the page. */
function is(value: unknown, kind: string, length: number): boolean {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${kind}]` && (value as Float64Array).length === length;
}
