import { api } from '../api.js';
import { el, clear, formatDate, statusBadge, toast } from '../dom.js';
import { showDialog, confirmDialog } from '../dialog.js';

/** One definition's version history: open, publish, retract, revert, and pick two versions to compare. */
export function renderDefinition(root, definitionId) {
  const enc = encodeURIComponent(definitionId);
  const head = el('div', { class: 'page-head' }, el('h1', {}, definitionId));
  const body = el('tbody');
  const compare = el('button', { class: 'primary', id: 'btn-compare', disabled: true }, 'So sánh hai phiên bản');
  const selected = { from: null, to: null };

  compare.addEventListener('click', () => {
    location.hash = `#/d/${enc}/diff/${selected.from}/${selected.to}`;
  });

  async function act(label, run) {
    try {
      await run();
      toast(label, 'success');
      await load();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function publish(version) {
    const values = await showDialog({ title: `Xuất bản phiên bản ${version}`, fields: [ { name: 'changeNote', label: 'Ghi chú thay đổi', required: true, multiline: true } ], okLabel: 'Xuất bản' });
    if (values) {
      await act(`Đã xuất bản phiên bản ${version}`, () => api.publish(definitionId, version, values.changeNote));
    }
  }

  async function retract(version) {
    if (await confirmDialog(`Thu hồi phiên bản ${version}?`, 'Hồ sơ mới sẽ không dùng phiên bản này nữa; hồ sơ đang xử lý vẫn tiếp tục theo phiên bản của chúng.', 'Thu hồi')) {
      await act(`Đã thu hồi phiên bản ${version}`, () => api.retract(definitionId, version));
    }
  }

  async function revert(version) {
    if (await confirmDialog(`Khôi phục phiên bản ${version}?`, 'Tạo một bản nháp mới có nội dung của phiên bản này.', 'Khôi phục')) {
      await act(`Đã tạo bản nháp từ phiên bản ${version}`, () => api.revert(definitionId, version));
    }
  }

  function updateCompare() {
    compare.disabled = !(selected.from && selected.to && selected.from !== selected.to);
  }

  async function load() {
    try {
      const d = await api.getDefinition(definitionId);
      clear(head).append(
        el('div', {},
          el('div', { class: 'crumbs' }, el('a', { href: '#/' }, 'Quy trình nội bộ'), ' › ', d.definitionId),
          el('h1', {}, d.name || d.definitionId),
          el('div', { class: 'muted' }, d.procedureCode ? `Mã TTHC ${d.procedureCode}` : 'Chưa có mã TTHC')),
        el('a', { class: 'button primary', href: `#/d/${enc}/edit`, id: 'btn-design' }, 'Thiết kế phiên bản mới nhất'));
      clear(body);
      const versions = [ ...d.versions ].sort((a, b) => b.version - a.version);
      versions.forEach((v, index) => {
        const radio = (name, checked) => el('input', {
          type: 'radio', name, value: v.version, checked, 'aria-label': `${name === 'from' ? 'Từ' : 'Đến'} phiên bản ${v.version}`,
          onchange: () => {
            selected[name] = v.version;
            updateCompare();
          },
        });
        if (index === 0) {
          selected.to = v.version;
        }
        if (index === 1) {
          selected.from = v.version;
        }
        body.append(el('tr', { dataset: { version: v.version } },
          el('td', { class: 'num' }, v.version),
          el('td', {}, statusBadge(v.status)),
          el('td', {}, v.createdBy || '', el('div', { class: 'muted small' }, formatDate(v.createdAt))),
          el('td', {}, v.publishedBy || '', el('div', { class: 'muted small' }, formatDate(v.publishedAt))),
          el('td', { class: 'note' }, v.changeNote || ''),
          el('td', { class: 'center' }, radio('from', index === 1)),
          el('td', { class: 'center' }, radio('to', index === 0)),
          el('td', { class: 'actions' },
            el('a', { class: 'button small secondary', href: `#/d/${enc}/edit/${v.version}` }, v.status === 'draft' ? 'Sửa' : 'Xem/sửa'),
            v.status === 'draft' ? el('button', { class: 'small primary', onclick: () => publish(v.version) }, 'Xuất bản') : null,
            v.status === 'published' ? el('button', { class: 'small danger', onclick: () => retract(v.version) }, 'Thu hồi') : null,
            v.status !== 'draft' ? el('button', { class: 'small secondary', onclick: () => revert(v.version) }, 'Khôi phục thành nháp') : null)));
      });
      updateCompare();
    } catch (e) {
      clear(body).append(el('tr', {}, el('td', { colspan: 8, class: 'error' }, e.message)));
    }
  }

  clear(root).append(el('section', { class: 'page' },
    head,
    el('h2', {}, 'Lịch sử phiên bản'),
    el('table', { class: 'grid', id: 'versions' },
      el('thead', {}, el('tr', {}, [ 'Phiên bản', 'Trạng thái', 'Tạo bởi', 'Xuất bản bởi', 'Ghi chú thay đổi', 'Từ', 'Đến', '' ].map(h => el('th', {}, h)))),
      body),
    el('div', { class: 'toolbar-row' }, compare)));
  load();
}
