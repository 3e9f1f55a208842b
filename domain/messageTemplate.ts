/** Fills {{name}} placeholders from a delivery's attributes; unknown names become empty. */
export function renderMessage(template: string, attributes: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_m, name: string) => attributes[name] ?? '');
}
