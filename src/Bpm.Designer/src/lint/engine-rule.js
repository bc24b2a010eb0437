import { engineMessage } from './engine-messages.js';

// The server's /validate findings, kept between round trips so that bpmnlint (which lints
// synchronously) can show them with its own overlays next to the elements.
const store = { diagnostics: [] };

export function setEngineDiagnostics(diagnostics) {
  store.diagnostics = diagnostics || [];
}

export function getEngineDiagnostics() {
  return store.diagnostics;
}

function engineRule(severity) {
  return function() {
    function check(node, reporter) {
      if (!node.$instanceOf || !node.$instanceOf('bpmn:Definitions')) {
        return;
      }
      const fallback = (node.rootElements || []).find(e => e.$instanceOf('bpmn:Process'))?.id || node.id;
      for (const d of store.diagnostics) {
        if (d.severity !== severity) {
          continue;
        }
        const where = d.line ? ` (dòng ${d.line})` : '';
        reporter.report(d.elementId || fallback, engineMessage(d) + where, { engine: d });
      }
    }
    return { check };
  };
}

export const engineErrors = engineRule('error');
export const engineWarnings = engineRule('warning');
