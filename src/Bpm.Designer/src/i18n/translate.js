import vi from './vi.js';

const untranslated = new Set();
if (typeof window !== 'undefined') {
  window.__bpmUntranslated = untranslated;
}

/** bpmn-js's translate hook: Vietnamese when the table has it, with {placeholder} replacement. */
export function translate(template, replacements) {
  replacements = replacements || {};
  let text = vi[template];
  if (text === undefined) {
    // lint messages Bpm writes are Vietnamese already; record only English labels
    if (/^[\x20-\x7e]*$/.test(template)) {
      untranslated.add(template);
    }
    text = template;
  }
  return text.replace(/{([^}]+)}/g, (_, key) => (key in replacements ? replacements[key] : `{${key}}`));
}

export default {
  translate: [ 'value', translate ],
};
