// The engine reports in English (docs and logs) with a stable code on every finding
// (docs/diagnostics.md); the designer shows it in Vietnamese by that code, putting the finding's
// arguments into the Vietnamese wording. A code the table does not know yet falls back to the
// engine's own text.
import vocabulary from '../bpm-vocabulary.json';
import vi from '../i18n/diagnostics.vi.json';

/** "a, b hoặc c" from one of the vocabulary's lists. */
function oneOf(values) {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} hoặc ${values[values.length - 1]}`;
}

/** Numbers in the engine's arguments are invariant (1.13); Vietnamese writes 1,13. */
function localNumber(text) {
  return /^\d+\.\d+$/.test(text) ? text.replace('.', ',') : text;
}

const UNSUPPORTED = new Set(vocabulary.diagnostics.filter(d => d.unsupported).map(d => d.code));

export function engineMessage(diagnostic) {
  const template = vi[diagnostic?.code];
  if (!template) {
    return diagnostic?.message || '';
  }
  const args = diagnostic.arguments || [];
  return template.replace(/{([A-Za-z0-9]+)}/g, (whole, key) => {
    if (/^\d+$/.test(key)) {
      return key < args.length ? localNumber(args[key]) : whole;
    }
    return Array.isArray(vocabulary[key]) ? oneOf(vocabulary[key]) : whole;
  });
}

/** Findings about elements the engine cannot run, listed apart after an import. */
export function isUnsupported(diagnostic) {
  return UNSUPPORTED.has(diagnostic?.code);
}
