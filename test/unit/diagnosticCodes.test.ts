// The diagnostic codes are defined once, in src/core/diagnostics.ts; the severity setting in
// package.json and the tables of docs/language.md must name exactly those, with those defaults.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEVERITY } from '../../src/core/index';

const root = path.join(__dirname, '..', '..', '..');
const codes = Object.keys(DEFAULT_SEVERITY);

describe('diagnostic codes', () => {
  it("package.json's tcpflow.diagnostics.severity names every code and every family, nothing else", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['tcpflow.diagnostics.severity'];
    const families = [...new Set(codes.map((c) => `${c.slice(0, c.indexOf('.'))}.*`))];
    assert.deepEqual(setting.propertyNames.enum, [...codes, ...families]);
  });

  it("docs/language.md's tables list every code with its default severity, and no other", () => {
    const docs = fs.readFileSync(path.join(root, 'docs', 'language.md'), 'utf8');
    const rows = [...docs.matchAll(/^\| `([a-z]+\.[a-z-]+)` \| (error|warning|info|hint) \|/gm)].map((m) => [m[1], m[2]]);
    const expected = Object.entries(DEFAULT_SEVERITY);
    assert.deepEqual(
      [...rows].sort((a, b) => a[0].localeCompare(b[0])),
      [...expected].sort((a, b) => a[0].localeCompare(b[0])),
    );
  });
});
