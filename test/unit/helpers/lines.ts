/** Joins source lines into one script text. */
export function lines(...rows: string[]): string {
  return rows.join('\n');
}
