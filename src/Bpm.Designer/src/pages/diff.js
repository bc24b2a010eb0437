import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

import bpmModdle from '../bpm-moddle.json';
import translateModule from '../i18n/translate.js';
import { api } from '../api.js';
import { el, clear, statusBadge, toast } from '../dom.js';

function escape(text) {
  return String(text ?? '').replace(/[<>&"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
}

/**
 * Two versions side by side: the older with removed (red) and changed (amber) elements marked,
 * the newer with added (green) and changed ones, each change listed in an overlay and below.
 */
export function renderDiff(root, definitionId, from, to) {
  const enc = encodeURIComponent(definitionId);
  const leftNode = el('div', { class: 'diff-canvas', id: 'diff-from' });
  const rightNode = el('div', { class: 'diff-canvas', id: 'diff-to' });
  const leftHead = el('h3', {}, `Phiên bản ${from}`);
  const rightHead = el('h3', {}, `Phiên bản ${to}`);
  const list = el('div', { class: 'diff-list', id: 'diff-list' }, 'Đang so sánh…');

  clear(root).append(el('section', { class: 'page diff-page' },
    el('div', { class: 'crumbs' }, el('a', { href: '#/' }, 'Quy trình nội bộ'), ' › ', el('a', { href: `#/d/${enc}` }, definitionId), ' › so sánh'),
    el('h1', {}, `So sánh phiên bản ${from} và ${to}`),
    el('div', { class: 'legend' },
      el('span', { class: 'legend-added' }, 'thêm mới'), el('span', { class: 'legend-removed' }, 'đã xoá'), el('span', { class: 'legend-changed' }, 'thay đổi')),
    el('div', { class: 'diff-panes' },
      el('div', { class: 'diff-pane' }, leftHead, leftNode),
      el('div', { class: 'diff-pane' }, rightHead, rightNode)),
    list));

  const options = container => ({ container, additionalModules: [ translateModule ], moddleExtensions: { bpm: bpmModdle } });
  const left = new NavigatedViewer(options(leftNode));
  const right = new NavigatedViewer(options(rightNode));

  function mark(viewer, id, marker, html) {
    const registry = viewer.get('elementRegistry');
    if (!registry.get(id)) {
      return false;
    }
    viewer.get('canvas').addMarker(id, marker);
    if (html) {
      viewer.get('overlays').add(id, 'diff', { position: { top: -14, right: 10 }, html });
    }
    return true;
  }

  async function load() {
    try {
      const [ a, b, diff ] = await Promise.all([ api.getVersion(definitionId, from), api.getVersion(definitionId, to), api.diff(definitionId, from, to) ]);
      leftHead.append(' ', statusBadge(a.status));
      rightHead.append(' ', statusBadge(b.status));
      await left.importXML(a.xml);
      await right.importXML(b.xml);
      left.get('canvas').zoom('fit-viewport');
      right.get('canvas').zoom('fit-viewport');

      for (const item of diff.added) {
        mark(right, item.elementId, 'diff-added', '<span class="diff-badge diff-badge-added">+</span>');
      }
      for (const item of diff.removed) {
        mark(left, item.elementId, 'diff-removed', '<span class="diff-badge diff-badge-removed">−</span>');
      }
      for (const item of diff.changed) {
        const details = item.changes.map(c => `<li><b>${escape(c.attribute)}</b>: ${escape(c.from ?? '∅')} → ${escape(c.to ?? '∅')}</li>`).join('');
        mark(left, item.elementId, 'diff-changed');
        mark(right, item.elementId, 'diff-changed', `<div class="diff-badge diff-badge-changed">${item.changes.length}<ul class="diff-details">${details}</ul></div>`);
      }

      const section = (title, items, kind, render) => el('div', { class: `diff-section diff-section-${kind}` },
        el('h3', {}, `${title} (${items.length})`),
        items.length ? el('ul', {}, items.map(render)) : el('p', { class: 'muted' }, 'Không có'));
      // the diff names added and removed elements; a changed one is named from the newer diagram
      const nameOf = id => right.get('elementRegistry').get(id)?.businessObject?.name || left.get('elementRegistry').get(id)?.businessObject?.name;
      const elementLabel = i => [ i.name || nameOf(i.elementId) || '', ' ', el('code', {}, `${i.type || ''} ${i.elementId}`) ];
      clear(list).append(
        section('Thêm mới', diff.added, 'added', i => el('li', { dataset: { element: i.elementId } }, elementLabel(i))),
        section('Đã xoá', diff.removed, 'removed', i => el('li', { dataset: { element: i.elementId } }, elementLabel(i))),
        section('Thay đổi', diff.changed, 'changed', i => el('li', { dataset: { element: i.elementId } }, elementLabel(i),
          el('ul', {}, i.changes.map(c => el('li', {}, el('b', {}, c.attribute), `: ${c.from ?? '∅'} → ${c.to ?? '∅'}`))))));
    } catch (e) {
      clear(list).append(el('p', { class: 'error' }, e.message));
      toast(e.message, 'error');
    }
  }

  load();
  return {
    destroy() {
      left.destroy();
      right.destroy();
    },
  };
}
