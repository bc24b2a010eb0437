import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './styles.css';

import { api } from './api.js';
import { el, clear, toast } from './dom.js';
import { setUnits } from './organisation.js';
import { renderList } from './pages/list.js';
import { renderDefinition } from './pages/definition.js';
import { renderEditor } from './pages/editor.js';
import { renderDiff } from './pages/diff.js';

const main = document.getElementById('main');
let current = null;
let currentHash = location.hash;
let ignoreNextHashChange = false;

const UNSAVED = 'Có thay đổi chưa lưu. Rời trang sẽ mất các thay đổi này.';

window.addEventListener('beforeunload', event => {
  if (current?.isDirty?.()) {
    event.preventDefault();
    event.returnValue = UNSAVED;
    return UNSAVED;
  }
});

function parse(hash) {
  const [ path, search ] = (hash.replace(/^#/, '') || '/').split('?');
  const query = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query };
}

function route() {
  const { parts, query } = parse(location.hash);
  current?.destroy?.();
  current = null;
  if (parts[0] === 'd' && parts[1]) {
    const id = parts[1];
    if (parts[2] === 'edit') {
      current = renderEditor(main, id, parts[3] ? Number(parts[3]) : null, query);
    } else if (parts[2] === 'diff' && parts[3] && parts[4]) {
      current = renderDiff(main, id, Number(parts[3]), Number(parts[4]));
    } else {
      renderDefinition(main, id);
    }
  } else {
    renderList(main, query);
  }
  document.body.dataset.page = parts[2] || (parts[0] === 'd' ? 'definition' : 'list');
}

window.addEventListener('hashchange', () => {
  if (ignoreNextHashChange) {
    ignoreNextHashChange = false;
    return;
  }
  if (current?.isDirty?.() && !window.confirm(UNSAVED)) {
    ignoreNextHashChange = true;
    location.hash = currentHash;
    return;
  }
  currentHash = location.hash;
  route();
});

async function start() {
  try {
    const [ me, units ] = await Promise.all([ api.me(), api.units() ]);
    setUnits(units);
    const user = document.getElementById('user');
    clear(user).append(el('span', { id: 'user-name', title: (me.roles || []).join(', ') }, me.displayName || me.userName));
  } catch (e) {
    if (e.status === 401) {
      return;
    }
    toast(`Không tải được thông tin người dùng hoặc cây tổ chức: ${e.message}`, 'error');
  }
  route();
}

start();
