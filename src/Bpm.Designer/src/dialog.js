import { el } from './dom.js';

/**
 * A modal dialog with fields; resolves to the field values, or null when cancelled.
 * fields: [{ name, label, value, required, multiline, hint }]
 */
export function showDialog({ title, message, fields = [], okLabel = 'Đồng ý', cancelLabel = 'Huỷ' }) {
  return new Promise(resolve => {
    const inputs = {};
    const error = el('div', { class: 'dialog-error', role: 'alert' });
    const form = el('form', { class: 'dialog', method: 'dialog' },
      el('h2', {}, title),
      message ? el('p', {}, message) : null,
      fields.map(f => {
        const id = `dialog-${f.name}`;
        const input = f.multiline
          ? el('textarea', { id, name: f.name, rows: 3 }, f.value || '')
          : el('input', { id, name: f.name, value: f.value || '', autocomplete: 'off' });
        inputs[f.name] = input;
        return el('label', { for: id }, f.label, input, f.hint ? el('small', {}, f.hint) : null);
      }),
      error,
      el('div', { class: 'dialog-buttons' },
        el('button', { type: 'button', class: 'secondary', id: 'dialog-cancel', onclick: () => close(null) }, cancelLabel),
        el('button', { type: 'submit', class: 'primary', id: 'dialog-ok' }, okLabel)));
    const backdrop = el('div', { class: 'dialog-backdrop' }, form);
    function close(result) {
      backdrop.remove();
      resolve(result);
    }
    form.addEventListener('submit', event => {
      event.preventDefault();
      const values = Object.fromEntries(Object.entries(inputs).map(([ k, i ]) => [ k, i.value.trim() ]));
      const missing = fields.find(f => f.required && !values[f.name]);
      if (missing) {
        error.textContent = `Cần nhập: ${missing.label}`;
        inputs[missing.name].focus();
        return;
      }
      close(values);
    });
    backdrop.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        close(null);
      }
    });
    document.body.append(backdrop);
    (Object.values(inputs)[0] || form.querySelector('#dialog-ok')).focus();
  });
}

export async function confirmDialog(title, message, okLabel = 'Đồng ý') {
  return (await showDialog({ title, message, okLabel })) !== null;
}
