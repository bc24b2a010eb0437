import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';

import bpmModdle from '../bpm-moddle.json';
import translateModule from '../i18n/translate.js';
import bpmPropertiesModule from '../properties/index.js';
import bpmPaletteModule from '../palette/index.js';
import lintConfig, { missingRecommendedRules } from '../lint/config.js';
import { setEngineDiagnostics } from '../lint/engine-rule.js';
import { longestPath } from '../lint/longest-path.js';
import { workingHours, formatWorkingHours } from '../lint/working-time.js';
import { renderIssues } from './issues.js';
import { api } from '../api.js';
import { el, clear, statusBadge, toast } from '../dom.js';
import { showDialog } from '../dialog.js';
import { newDiagramXml } from '../new-diagram.js';
import { askWhatIf, runWhatIf, showWhatIf } from './whatif.js';

const VALIDATE_DELAY_MS = 800;

/** The modeler page: draw, lint, save a draft, publish; returns a handle the router asks about unsaved changes. */
export function renderEditor(root, definitionId, requestedVersion, query) {
  const canvasNode = el('div', { class: 'canvas', id: 'canvas' });
  const panelNode = el('div', { class: 'properties', id: 'properties' });
  const issuesNode = el('div', { class: 'issues', id: 'issues' });
  const title = el('div', { class: 'editor-title' });
  const timeNode = el('span', { class: 'time-check', id: 'time-check' });
  const fileInput = el('input', { type: 'file', id: 'file-import', accept: '.bpmn,.xml,application/xml,text/xml', hidden: true });

  const button = (id, label, onclick, attrs = {}) => el('button', { id, class: 'secondary', onclick, ...attrs }, label);
  const undoButton = button('btn-undo', '↶ Hoàn tác', () => commandStack.undo(), { title: 'Hoàn tác (Ctrl+Z)' });
  const redoButton = button('btn-redo', '↷ Làm lại', () => commandStack.redo(), { title: 'Làm lại (Ctrl+Y)' });
  const saveButton = button('btn-save', 'Lưu nháp', () => save(), { class: 'primary' });
  const publishButton = button('btn-publish', 'Xuất bản…', () => publish());

  const toolbar = el('div', { class: 'editor-toolbar' },
    title,
    el('div', { class: 'toolbar-group' }, undoButton, redoButton),
    el('div', { class: 'toolbar-group' },
      button('btn-validate', 'Kiểm tra', () => validateNow(true)),
      button('btn-whatif', 'Mô phỏng', () => simulate(), { title: 'So sánh sơ đồ này với phiên bản đang ban hành trên hồ sơ các tháng qua' }),
      saveButton, publishButton),
    el('div', { class: 'toolbar-group' },
      button('btn-import', 'Nhập tệp .bpmn…', () => fileInput.click()),
      button('btn-export', 'Xuất XML', () => exportXml())),
    timeNode, fileInput);

  clear(root).append(el('section', { class: 'editor' },
    toolbar,
    el('div', { class: 'editor-body' }, canvasNode, panelNode),
    issuesNode));

  if (missingRecommendedRules().length) {
    console.warn('bpmnlint recommended rules not bundled (src/lint/config.js):', missingRecommendedRules());
  }

  const modeler = new BpmnModeler({
    container: canvasNode,
    propertiesPanel: { parent: panelNode, layout: { groups: { general: { open: true }, bpm: { open: true }, feeSchedules: { open: true } } } },
    linting: { bpmnlint: lintConfig, active: true },
    additionalModules: [
      translateModule,
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      bpmPropertiesModule,
      bpmPaletteModule,
      lintModule,
    ],
    moddleExtensions: { bpm: bpmModdle },
  });
  // The browser tests (and anyone debugging in the console) read the model through this.
  window.bpmModeler = modeler;

  const commandStack = modeler.get('commandStack');
  const eventBus = modeler.get('eventBus');
  const linting = modeler.get('linting');

  const state = {
    version: null,
    status: null,
    savedStackIndex: 0,
    dirtyFromImport: false,
    name: definitionId,
    validateTimer: null,
    validateRun: 0,
    destroyed: false,
  };

  // The command stack has no public "saved position"; its index tells whether undo/redo brought
  // the diagram back to what was saved.
  const isDirty = () => state.dirtyFromImport || commandStack._stackIdx !== state.savedStackIndex;

  function markSaved() {
    state.savedStackIndex = commandStack._stackIdx;
    state.dirtyFromImport = false;
    updateChrome();
  }

  function updateChrome() {
    const dirty = isDirty();
    undoButton.disabled = !commandStack.canUndo();
    redoButton.disabled = !commandStack.canRedo();
    publishButton.disabled = !dirty && state.status !== 'draft';
    clear(title).append(
      el('div', { class: 'crumbs' }, el('a', { href: '#/' }, 'Quy trình nội bộ'), ' › ', el('a', { href: `#/d/${encodeURIComponent(definitionId)}` }, definitionId)),
      el('strong', {}, state.name),
      ' ',
      state.version ? el('span', { id: 'version-label' }, `phiên bản ${state.version} `, statusBadge(state.status)) : el('span', { id: 'version-label' }, 'chưa lưu'),
      dirty ? el('span', { class: 'dirty', id: 'dirty-flag', title: 'Có thay đổi chưa lưu' }, ' ● chưa lưu') : null);
    updateTimeCheck();
  }

  function rootProcess() {
    const definitions = modeler.getDefinitions();
    return definitions && definitions.rootElements.find(e => e.$instanceOf('bpmn:Process'));
  }

  function updateTimeCheck() {
    const process = rootProcess();
    clear(timeNode);
    if (!process) {
      return;
    }
    const { hours } = longestPath(process);
    const limit = workingHours(process.get('bpm:timeLimit'));
    timeNode.className = 'time-check' + (limit !== null && hours > limit ? ' over' : '');
    timeNode.append(
      el('span', { class: 'muted' }, 'Đường dài nhất: '), formatWorkingHours(hours),
      el('span', { class: 'muted' }, ' / thời hạn: '), limit === null ? 'chưa đặt' : formatWorkingHours(limit));
  }

  // ---- validation: the server's /validate, merged into bpmnlint's overlays -------------

  async function validateNow(announce) {
    clearTimeout(state.validateTimer);
    const run = ++state.validateRun;
    const { xml } = await modeler.saveXML({ format: true });
    let result;
    try {
      result = await api.validate(xml);
    } catch (e) {
      toast(`Không kiểm tra được trên máy chủ: ${e.message}`, 'error');
      return null;
    }
    if (run !== state.validateRun || state.destroyed) {
      return null;
    }
    setEngineDiagnostics(result.diagnostics);
    const issues = await lintAndShow();
    if (announce) {
      const errors = countErrors(issues);
      toast(errors ? `Còn ${errors} lỗi cần sửa` : 'Không có lỗi', errors ? 'error' : 'success');
    }
    return issues;
  }

  function scheduleValidate() {
    clearTimeout(state.validateTimer);
    state.validateTimer = setTimeout(() => validateNow(false), VALIDATE_DELAY_MS);
  }

  /** Lints now and waits for bpmn-js-bpmnlint to draw the overlays; resolves to the raw results. */
  function lintAndShow() {
    return new Promise(resolve => {
      eventBus.once('linting.completed', ({ issues }) => resolve(issues));
      linting.update();
    });
  }

  function countErrors(issues) {
    return Object.values(issues || {}).flat().filter(i => i.category === 'error' || i.category === 'rule-error').length;
  }

  eventBus.on('linting.completed', ({ issues }) => renderIssues(issuesNode, issues, modeler, state.importWarnings || []));

  eventBus.on('commandStack.changed', () => {
    updateChrome();
    scheduleValidate();
  });

  // ---- load ------------------------------------------------------------------------------

  /** Fits the diagram into the canvas, right of the palette, never zooming in past 100 %. */
  function fitBesidePalette() {
    const canvas = modeler.get('canvas');
    canvas.zoom('fit-viewport', 'auto');
    const { inner } = canvas.viewbox();
    const size = canvas.getSize();
    const left = (canvasNode.querySelector('.djs-palette')?.getBoundingClientRect().width || 0) + 40;
    if (!inner.width || !inner.height) {
      return;
    }
    const scale = Math.min(1, (size.width - left - 20) / inner.width, (size.height - 40) / inner.height);
    canvas.viewbox({ x: inner.x - left / scale, y: inner.y - 20 / scale, width: size.width / scale, height: size.height / scale });
  }

  async function importXml(xml) {
    const result = await modeler.importXML(xml);
    fitBesidePalette();
    state.importWarnings = result.warnings || [];
    const process = rootProcess();
    if (process && process.name) {
      state.name = process.name;
    }
    return result;
  }

  async function load() {
    try {
      let xml;
      if (query.get('new') === '1' && !requestedVersion) {
        const values = JSON.parse(sessionStorage.getItem(`bpm-new:${definitionId}`) || '{}');
        xml = newDiagramXml({ definitionId, ...values });
        state.name = values.name || definitionId;
      } else {
        let version = requestedVersion;
        if (!version) {
          const definition = await api.getDefinition(definitionId);
          version = Math.max(...definition.versions.map(v => v.version));
        }
        const v = await api.getVersion(definitionId, version);
        state.version = v.version;
        state.status = v.status;
        state.draftHash = v.status === 'draft' ? v.contentHash : undefined;
        xml = v.xml;
      }
      await importXml(xml);
      commandStack.clear();
      markSaved();
      if (query.get('new') === '1') {
        state.dirtyFromImport = true;
        updateChrome();
      }
      await validateNow(false);
    } catch (e) {
      toast(`Không mở được quy trình: ${e.message}`, 'error');
      console.error(e);
    }
  }

  // ---- actions ---------------------------------------------------------------------------

  async function save() {
    try {
      const { xml } = await modeler.saveXML({ format: true });
      const result = await api.saveDraft(definitionId, xml, state.draftHash);
      state.version = result.version;
      state.status = result.status || 'draft';
      state.draftHash = result.contentHash;
      markSaved();
      history.replaceState(null, '', `#/d/${encodeURIComponent(definitionId)}/edit/${state.version}`);
      setEngineDiagnostics(result.diagnostics);
      const issues = await lintAndShow();
      const errors = countErrors(issues);
      toast(`Đã lưu bản nháp phiên bản ${state.version}` + (errors ? ` — còn ${errors} lỗi` : ''), errors ? 'warning' : 'success');
      return true;
    } catch (e) {
      toast(`Không lưu được: ${e.message}`, 'error');
      return false;
    }
  }

  async function publish() {
    const issues = await validateNow(false);
    if (!issues) {
      return;
    }
    const errors = countErrors(issues);
    if (errors) {
      toast(`Chưa thể xuất bản: còn ${errors} lỗi (xem danh sách bên dưới sơ đồ)`, 'error');
      return;
    }
    const values = await showDialog({
      title: 'Xuất bản phiên bản mới',
      message: 'Hồ sơ tiếp nhận từ nay sẽ theo phiên bản này.',
      fields: [ { name: 'changeNote', label: 'Ghi chú thay đổi', required: true, multiline: true } ],
      okLabel: 'Xuất bản',
    });
    if (!values) {
      return;
    }
    if ((isDirty() || state.status !== 'draft') && !(await save())) {
      return;
    }
    try {
      await api.publish(definitionId, state.version, values.changeNote);
      state.status = 'published';
      markSaved();
      toast(`Đã xuất bản phiên bản ${state.version}`, 'success');
    } catch (e) {
      toast(`Không xuất bản được: ${e.message}`, 'error');
    }
  }

  async function simulate() {
    try {
      const settings = await askWhatIf();
      if (!settings) {
        return;
      }
      const { xml } = await modeler.saveXML({ format: false });
      toast('Đang mô phỏng…');
      showWhatIf(await runWhatIf(definitionId, xml, settings));
    } catch (e) {
      toast(`Không mô phỏng được: ${e.message}`, 'error');
    }
  }

  async function exportXml() {
    const { xml } = await modeler.saveXML({ format: true });
    const blob = new Blob([ xml ], { type: 'application/xml' });
    const link = el('a', { href: URL.createObjectURL(blob), download: `${definitionId}${state.version ? '-v' + state.version : ''}.bpmn` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    fileInput.value = '';
    if (!file) {
      return;
    }
    try {
      const result = await importXml(await file.text());
      state.dirtyFromImport = true;
      updateChrome();
      toast(`Đã nhập ${file.name}` + (result.warnings.length ? ` (${result.warnings.length} cảnh báo khi đọc)` : ''), 'success');
      await validateNow(false);
    } catch (e) {
      toast(`Không đọc được ${file.name}: ${e.message}`, 'error');
    }
  });

  // Ctrl+Z / Ctrl+Y outside the canvas (the canvas has its own keyboard binding) and outside inputs.
  function onKey(event) {
    if (!(event.ctrlKey || event.metaKey) || canvasNode.contains(event.target) || event.target.closest('input, textarea, select, [contenteditable]')) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      commandStack.undo();
      event.preventDefault();
    } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
      commandStack.redo();
      event.preventDefault();
    }
  }
  document.addEventListener('keydown', onKey);

  updateChrome();
  load();

  return {
    isDirty,
    destroy() {
      state.destroyed = true;
      clearTimeout(state.validateTimer);
      document.removeEventListener('keydown', onKey);
      setEngineDiagnostics([]);
      modeler.destroy();
      if (window.bpmModeler === modeler) {
        delete window.bpmModeler;
      }
    },
  };
}
