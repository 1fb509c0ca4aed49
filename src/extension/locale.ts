// Runs in the extension host: the language VS Code displays (`vscode.env.language`, `zh-cn`
// under the Chinese language pack), which diagnostics, hovers and quick fixes are shown in.

import * as vscode from 'vscode';
import { parseLocale, type Locale } from '../core/index';

export function displayLocale(): Locale {
  return parseLocale(vscode.env.language);
}
