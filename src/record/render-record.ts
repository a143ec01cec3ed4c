// Renders a drill record: a Handlebars environment of its own (no HTML escaping, strict field
// lookups, Markdown-safe helpers), a template checked against the context schema first, and a
// context checked against that schema. Pure apart from reading the shipped default template.
import Handlebars from 'handlebars';
import { readDefaultTemplate } from './default-template.js';
import { recordContextSchema, type RecordContext } from './record-context.js';
import { recordHelpers } from './record-helpers.js';
import { TemplateError, validateTemplate } from './validate-template.js';

export { validateTemplate, TemplateError, type TemplateDiagnostic } from './validate-template.js';

/** An isolated Handlebars instance with the record helpers; the global one is left alone. */
export function createRecordHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const [name, fn] of Object.entries(recordHelpers)) {
    // Handlebars appends its options object to every call; the helpers take only their arguments.
    hbs.registerHelper(name, (...args: unknown[]) => fn(...args.slice(0, -1)));
  }
  return hbs;
}

/**
 * The record as Markdown. `templateText` defaults to templates/ROLLBACK_DRILL_TEMPLATE.md.
 * Throws `TemplateError` (with positions) for a template that names unknown fields or helpers.
 */
export function renderRecord(context: RecordContext, templateText?: string, source?: string): string {
  const text = templateText ?? readDefaultTemplate();
  const diagnostics = validateTemplate(text);
  if (diagnostics.length > 0) throw new TemplateError(diagnostics, source);
  const data = recordContextSchema.parse(context);
  const template = createRecordHandlebars().compile<RecordContext>(text, { noEscape: true, strict: true });
  // Output is left as rendered (evidence blocks keep their blank lines); only the end is tidied.
  return `${template(data).trimEnd()}\n`;
}
