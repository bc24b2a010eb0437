import { api } from '../api.js';
import { el, clear, formatDate, statusBadge, levelLabel, toast } from '../dom.js';
import { showDialog } from '../dialog.js';

const PAGE_SIZE = 20;

/** The definitions list: search by procedure code or name, filter by status, page through. */
export function renderList(root, query) {
  const state = { search: query.get('search') || '', status: query.get('status') || '', page: Number(query.get('page')) || 1 };
  const body = el('tbody');
  const pager = el('div', { class: 'pager' });
  const search = el('input', { id: 'search', type: 'search', placeholder: 'Mã thủ tục hoặc tên quy trình', value: state.search });
  const status = el('select', { id: 'status-filter' },
    [ [ '', 'Mọi trạng thái' ], [ 'draft', 'Bản nháp' ], [ 'published', 'Đã xuất bản' ], [ 'retracted', 'Đã thu hồi' ] ]
      .map(([ v, l ]) => el('option', { value: v, selected: v === state.status }, l)));

  async function load() {
    clear(body).append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'Đang tải…')));
    try {
      const result = await api.listDefinitions({ search: state.search, status: state.status, page: state.page, pageSize: PAGE_SIZE });
      clear(body);
      if (!result.items.length) {
        body.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'Không có quy trình nào phù hợp.')));
      }
      for (const d of result.items) {
        body.append(el('tr', { dataset: { definition: d.definitionId } },
          el('td', {}, el('a', { href: `#/d/${encodeURIComponent(d.definitionId)}` }, d.name || d.definitionId), el('div', { class: 'muted small' }, d.definitionId)),
          el('td', {}, d.procedureCode || ''),
          el('td', {}, levelLabel(d.level)),
          el('td', { class: 'num' }, d.latestVersion ?? ''),
          el('td', {}, statusBadge(d.latestStatus)),
          el('td', { class: 'num' }, d.publishedVersion ?? '—'),
          el('td', {}, d.updatedBy || ''),
          el('td', {}, formatDate(d.updatedAt)),
          el('td', {}, el('a', { class: 'button small', href: `#/d/${encodeURIComponent(d.definitionId)}/edit` }, 'Thiết kế'))));
      }
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      clear(pager).append(
        el('span', {}, `${result.total} quy trình · trang ${state.page}/${pages}`),
        el('button', { class: 'secondary small', disabled: state.page <= 1, onclick: () => go({ page: state.page - 1 }) }, '‹ Trước'),
        el('button', { class: 'secondary small', disabled: state.page >= pages, onclick: () => go({ page: state.page + 1 }) }, 'Sau ›'));
    } catch (e) {
      clear(body).append(el('tr', {}, el('td', { colspan: 8, class: 'error' }, e.message)));
    }
  }

  function go(change) {
    Object.assign(state, change);
    const params = new URLSearchParams();
    for (const [ k, v ] of Object.entries(state)) {
      if (v && !(k === 'page' && v === 1)) {
        params.set(k, v);
      }
    }
    history.replaceState(null, '', `#/${params.size ? '?' + params : ''}`);
    load();
  }

  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => go({ search: search.value.trim(), page: 1 }), 300);
  });
  status.addEventListener('change', () => go({ status: status.value, page: 1 }));

  clear(root).append(
    el('section', { class: 'page' },
      el('div', { class: 'page-head' },
        el('h1', {}, 'Quy trình nội bộ'),
        el('button', { class: 'primary', id: 'btn-new', onclick: createNew }, '+ Tạo quy trình mới')),
      el('div', { class: 'filters' }, search, status),
      el('table', { class: 'grid', id: 'definitions' },
        el('thead', {}, el('tr', {}, [ 'Quy trình', 'Mã TTHC', 'Cấp', 'Phiên bản mới nhất', 'Trạng thái', 'Đang áp dụng', 'Người cập nhật', 'Cập nhật lúc', '' ].map(h => el('th', {}, h)))),
        body),
      pager));
  load();
}

async function createNew() {
  const values = await showDialog({
    title: 'Tạo quy trình mới',
    fields: [
      { name: 'definitionId', label: 'Mã quy trình (ID)', required: true, hint: 'Chữ không dấu, số, _ hoặc -, bắt đầu bằng chữ; ví dụ Process_CapPhepXayDung' },
      { name: 'name', label: 'Tên quy trình', required: true },
      { name: 'procedureCode', label: 'Mã thủ tục hành chính', hint: 'ví dụ 1.001193' },
    ],
    okLabel: 'Tạo',
  });
  if (!values) {
    return;
  }
  if (!/^[A-Za-z_][\w.-]*$/.test(values.definitionId)) {
    toast('Mã quy trình phải bắt đầu bằng chữ và chỉ gồm chữ không dấu, số, _, - hoặc .', 'error');
    return;
  }
  sessionStorage.setItem(`bpm-new:${values.definitionId}`, JSON.stringify(values));
  location.hash = `#/d/${encodeURIComponent(values.definitionId)}/edit?new=1`;
}
