import { el, clear } from '../dom.js';
import { isUnsupported } from '../lint/engine-messages.js';

const SOURCES = {
  'bpm/engine-error': 'Máy chủ',
  'bpm/engine-warning': 'Máy chủ',
  'bpm/allowance-within-time-limit': 'Thời hạn',
};

function sourceOf(rule) {
  return SOURCES[rule] || `bpmnlint: ${rule}`;
}

/**
 * The list under the diagram: every finding (server validation, bpmnlint, time limit), errors
 * first, with elements the engine cannot run listed apart. A click selects the element.
 */
export function renderIssues(node, issuesByElement, modeler, importWarnings) {
  const registry = modeler.get('elementRegistry');
  const all = Object.values(issuesByElement || {}).flat();
  const elementId = i => i.actualElementId || i.id;
  const order = { error: 0, 'rule-error': 0, warn: 1, info: 2 };
  all.sort((a, b) => (order[a.category] ?? 3) - (order[b.category] ?? 3));

  const unsupported = all.filter(i => i.engine && isUnsupported(i.engine));
  const others = all.filter(i => !unsupported.includes(i));
  const errors = all.filter(i => order[i.category] === 0).length;
  const warnings = all.filter(i => i.category === 'warn').length;

  function focus(id) {
    const element = registry.get(id);
    if (!element) {
      return;
    }
    modeler.get('selection').select(element);
    const canvas = modeler.get('canvas');
    if (element.x !== undefined) {
      canvas.scrollToElement(element);
    }
  }

  function row(issue) {
    const id = elementId(issue);
    const element = registry.get(id);
    const name = element?.businessObject?.name;
    const severity = order[issue.category] === 0 ? 'error' : issue.category === 'warn' ? 'warning' : 'info';
    return el('li', { class: `issue issue-${severity}`, dataset: { rule: issue.rule, element: id || '', severity }, onclick: () => focus(id), title: issue.engine?.message || '' },
      el('span', { class: 'issue-icon', 'aria-label': severity === 'error' ? 'Lỗi' : 'Cảnh báo' }, severity === 'error' ? '✖' : severity === 'warning' ? '▲' : 'ℹ'),
      el('span', { class: 'issue-element' }, name ? `${name} ` : '', el('code', {}, issue.engine?.elementType ? `${issue.engine.elementType} ${id || ''}` : id || '')),
      el('span', { class: 'issue-message' }, modeler.get('translate')(issue.message)),
      el('span', { class: 'issue-source' }, sourceOf(issue.rule)));
  }

  clear(node).append(
    el('div', { class: 'issues-head' },
      el('strong', {}, 'Kiểm tra quy trình'), ' ',
      el('span', { id: 'issue-count', dataset: { errors, warnings } }, errors || warnings ? `${errors} lỗi, ${warnings} cảnh báo` : 'Không có lỗi')),
    unsupported.length ? el('div', { class: 'unsupported', id: 'unsupported' },
      el('h3', {}, `Phần tử không được hỗ trợ (${unsupported.length})`),
      el('ul', {}, unsupported.map(row))) : null,
    importWarnings.length ? el('details', { class: 'import-warnings' },
      el('summary', {}, `Cảnh báo khi đọc tệp (${importWarnings.length})`),
      el('ul', {}, importWarnings.map(w => el('li', {}, w.message)))) : null,
    el('ul', { class: 'issue-list', id: 'issue-list' }, others.map(row)));
}
