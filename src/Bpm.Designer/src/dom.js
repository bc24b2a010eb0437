/** Creates an element: el('button', { class: 'x', onclick }, 'text', child…). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [ key, value ] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      node.className = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Empties a node; returns an object whose append() skips null/false like el() does. */
export function clear(node) {
  while (node.firstChild) {
    node.firstChild.remove();
  }
  return {
    append: (...children) => node.append(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)),
  };
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });

export function formatDate(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateFormat.format(date);
}

const STATUS = {
  draft: 'Bản nháp',
  published: 'Đã xuất bản',
  retracted: 'Đã thu hồi',
  superseded: 'Đã thay thế',
  archived: 'Lưu trữ',
};

export function statusLabel(status) {
  return STATUS[status] || status || '';
}

export function statusBadge(status) {
  return el('span', { class: `badge badge-${status || 'none'}` }, statusLabel(status) || '—');
}

const LEVELS = { province: 'Cấp tỉnh', commune: 'Cấp xã', district: 'Cấp huyện' };

export function levelLabel(level) {
  return LEVELS[level] || level || '';
}

/** A transient message at the top of the page. */
export function toast(message, kind = 'info') {
  const host = document.getElementById('toasts');
  const node = el('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  host.append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 12000 : 5000);
}
