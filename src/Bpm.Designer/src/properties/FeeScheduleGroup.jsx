import {
  CollapsibleEntry, ListEntry, ListGroup, SelectEntry, TextFieldEntry,
  isSelectEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

import {
  RULE_KINDS, ruleKind, switchRule, readPerUnit, writePerUnit, readPercent, writePercent, isPercent,
} from './fee-rules.js';

// The process's <bpm:feeSchedule> elements as a form (docs/payments.md, "Editing a schedule in the
// designer"): one list item per schedule, and in it the inputs, fees (with their bands) and
// exemptions. Every field writes the attribute the engine's reader takes; nothing is kept beside
// the model except the rule kind a designer has just picked, before its amount says so.

/** The bpm:FeeSchedule elements in a process's extension elements, in document order. */
export function schedulesOf(process) {
  return (process?.extensionElements?.values || []).filter(v => is(v, 'bpm:FeeSchedule'));
}

/** The process an element belongs to: itself, a participant's process, or the nearest enclosing one. */
export function owningProcess(element) {
  let bo = getBusinessObject(element);
  if (is(bo, 'bpmn:Participant')) {
    return bo.processRef;
  }
  while (bo && !is(bo, 'bpmn:Process')) {
    bo = bo.$parent;
  }
  return bo || null;
}

function required(what) {
  return value => (value && String(value).trim() ? null : `Cần ${what}`);
}

function wholeDong(value) {
  return !value || /^\d+$/.test(String(value).trim()) ? null : 'Nhập số đồng, chỉ chữ số, ví dụ 50000';
}

function unique(existing, prefix) {
  for (let n = existing.length + 1; ; n++) {
    if (!existing.includes(`${prefix}${n}`)) {
      return `${prefix}${n}`;
    }
  }
}

// ---- writing ---------------------------------------------------------------------------

function useWrite(element) {
  const modeling = useService('modeling');
  return (target, properties) => modeling.updateModdleProperties(element, target, properties);
}

/** Runs several changes as one step of the command stack, so one undo takes them all back. */
function useWriteAll() {
  const commandStack = useService('commandStack');
  return changes => commandStack.execute('properties-panel.multi-command-executor', changes);
}

function create(moddle, type, attrs, parent) {
  const created = moddle.create(type, attrs);
  created.$parent = parent;
  return created;
}

function addTo(element, target, list, item) {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement: target, properties: { [list]: [ ...(target.get(list) || []), item ] } } };
}

function removeFrom(element, target, list, item) {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement: target, properties: { [list]: target.get(list).filter(x => x !== item) } } };
}

// ---- fields ----------------------------------------------------------------------------

/** A text field over one attribute of a bpm: element of the schedule; empty removes the attribute. */
function FieldText(props) {
  const { element, id, label, description, target, property, validate, write } = props;
  const debounce = useService('debounceInput');
  const plainWrite = useWrite(element);
  const getValue = () => target.get(property) || '';
  const setValue = value => {
    const v = value === '' || value === null ? undefined : value;
    return write ? write(v) : plainWrite(target, { [property]: v });
  };
  return <TextFieldEntry element={ element } id={ id } label={ label } description={ description }
    getValue={ getValue } setValue={ setValue } debounce={ debounce } validate={ validate } />;
}

function text(id, target, property, label, extra = {}) {
  return { id, target, property, label, component: FieldText, isEdited: isTextFieldEntryEdited, ...extra };
}

/** A field that edits one part of an amount (price, variable, percent): read from and written to the whole. */
function AmountPart(props) {
  const { element, id, label, description, fee, read, write, part, validate } = props;
  const debounce = useService('debounceInput');
  const update = useWrite(element);
  const getValue = () => read(fee.get('amount'))[part];
  const setValue = value => update(fee, { amount: write({ ...read(fee.get('amount')), [part]: (value || '').trim() }) });
  return <TextFieldEntry element={ element } id={ id } label={ label } description={ description }
    getValue={ getValue } setValue={ setValue } debounce={ debounce } validate={ validate } />;
}

function part(id, fee, label, read, write, partName, extra = {}) {
  return { id, fee, label, read, write, part: partName, component: AmountPart, isEdited: isTextFieldEntryEdited, ...extra };
}

// A rule kind picked whose amount does not show it yet ("8000 *" before the variable is typed).
const chosenKinds = new WeakMap();

function kindOf(fee) {
  return chosenKinds.get(fee) || ruleKind(fee);
}

function RuleKind(props) {
  const { element, id, fee } = props;
  const moddle = useService('moddle');
  const writeAll = useWriteAll();
  const getValue = () => kindOf(fee);
  const setValue = kind => {
    const before = kindOf(fee);
    if (kind === before) {
      return;
    }
    chosenKinds.set(fee, kind);
    const bands = fee.get('bands') || [];
    if (kind === 'bands') {
      const amount = (/\d+/.exec(fee.get('amount') || '') || [ '0' ])[0];
      const band = create(moddle, 'bpm:Band', { when: 'true', amount }, fee);
      writeAll([ { cmd: 'element.updateModdleProperties', context: { element, moddleElement: fee, properties: { amount: undefined, bands: [ band ] } } } ]);
      return;
    }
    const from = before === 'bands' ? { get: name => (name === 'amount' ? bands[0]?.get('amount') : undefined) } : fee;
    writeAll([ { cmd: 'element.updateModdleProperties', context: { element, moddleElement: fee, properties: { ...switchRule(from, kind), bands: [] } } } ]);
  };
  const getOptions = () => RULE_KINDS.map(([ value, label ]) => ({ value, label }));
  return <SelectEntry element={ element } id={ id } label="Cách tính" getValue={ getValue } setValue={ setValue } getOptions={ getOptions } />;
}

// ---- list items ------------------------------------------------------------------------

function InputItem(props) {
  const { element, item, parentId, index, open } = props;
  const id = `${parentId}-${index}`;
  const entries = [
    text(`${id}-name`, item, 'name', 'Tên biến hồ sơ', { validate: required('tên biến, ví dụ soBanSao') }),
    text(`${id}-default`, item, 'default', 'Giá trị khi hồ sơ không có', {
      description: 'Một giá trị: số (0), true, false, hoặc chữ trong ngoặc kép ("")',
      validate: value => {
        if (!value) {
          return null;
        }
        try {
          JSON.parse(value);
          return null;
        } catch {
          return 'Không phải một giá trị: ghi 0, true, false hoặc "chữ"';
        }
      },
    }),
  ];
  return <CollapsibleEntry element={ element } id={ id } label={ item.get('name') || '(chưa đặt tên)' } entries={ entries } open={ open } translate={ useService('translate') } />;
}

function BandItem(props) {
  const { element, item, parentId, index, open } = props;
  const id = `${parentId}-${index}`;
  const entries = [
    text(`${id}-when`, item, 'when', 'Khi', { description: 'Bậc đầu tiên thoả điều kiện cho số tiền. Ví dụ dienTichSan <= 100; bậc cuối: true', validate: required('điều kiện') }),
    text(`${id}-amount`, item, 'amount', 'Số tiền (đồng)', { validate: required('số tiền') }),
  ];
  const label = item.get('when') ? `${item.get('when')} → ${item.get('amount') || '?'}` : '(bậc mới)';
  return <CollapsibleEntry element={ element } id={ id } label={ label } entries={ entries } open={ open } translate={ useService('translate') } />;
}

function feeRuleEntries(element, fee, id) {
  const kind = kindOf(fee);
  const dong = { validate: wholeDong };
  switch (kind) {
    case 'fixed':
      return [ text(`${id}-amount`, fee, 'amount', 'Số tiền (đồng)', { validate: value => required('số tiền')(value) || wholeDong(value) }) ];
    case 'perUnit':
      return [
        part(`${id}-price`, fee, 'Đơn giá (đồng)', readPerUnit, writePerUnit, 'price', { validate: value => required('đơn giá')(value) || wholeDong(value) }),
        part(`${id}-variable`, fee, 'Số lượng lấy từ biến hồ sơ', readPerUnit, writePerUnit, 'variable', { validate: required('biến hồ sơ, ví dụ soBanSao') }),
        text(`${id}-unit`, fee, 'unit', 'Đơn vị tính', { description: 'In trên bảng kê, ví dụ bản, trang' }),
      ];
    case 'percent':
      return [
        part(`${id}-percent`, fee, 'Tỷ lệ (%)', readPercent, writePercent, 'percent', {
          validate: value => (isPercent(value || '') ? null : 'Nhập một tỷ lệ lớn hơn 0 và không quá 100, ví dụ 0,1'),
        }),
        part(`${id}-variable`, fee, 'Của giá trị trong biến hồ sơ', readPercent, writePercent, 'variable', { validate: required('biến hồ sơ, ví dụ giaTriCongTrinh') }),
        text(`${id}-min`, fee, 'min', 'Mức tối thiểu (đồng)', dong),
        text(`${id}-max`, fee, 'max', 'Mức tối đa (đồng)', dong),
      ];
    case 'bands':
      return [ { id: `${id}-bands`, fee, component: BandList } ];
    default:
      return [
        text(`${id}-amount`, fee, 'amount', 'Biểu thức số tiền', { description: 'Biểu thức trên biến hồ sơ (docs/conditions.md)', validate: required('số tiền') }),
        text(`${id}-min`, fee, 'min', 'Mức tối thiểu (đồng)', dong),
        text(`${id}-max`, fee, 'max', 'Mức tối đa (đồng)', dong),
      ];
  }
}

function FeeItem(props) {
  const { element, item, parentId, index, open, schedule } = props;
  const id = `${parentId}-${index}`;
  const writeAll = useWriteAll();
  // A new code follows into the exemptions that name the old one.
  const renameCode = code => {
    const old = item.get('code');
    const changes = [ { cmd: 'element.updateModdleProperties', context: { element, moddleElement: item, properties: { code } } } ];
    for (const exemption of schedule.get('exemptions') || []) {
      const codes = (exemption.get('fees') || '').split(',').map(c => c.trim());
      if (old && code && codes.includes(old)) {
        changes.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: exemption, properties: { fees: codes.map(c => (c === old ? code : c)).join(',') } } });
      }
    }
    writeAll(changes);
  };
  const entries = [
    text(`${id}-code`, item, 'code', 'Mã khoản', { validate: required('mã khoản, ví dụ LEPHI-DKDN'), write: renameCode }),
    text(`${id}-name`, item, 'name', 'Tên khoản (in trên biên lai)', { validate: required('tên khoản') }),
    { id: `${id}-rule`, fee: item, component: RuleKind, isEdited: isSelectEntryEdited },
    ...feeRuleEntries(element, item, id),
    text(`${id}-when`, item, 'when', 'Chỉ thu khi', { description: 'Điều kiện trên biến hồ sơ, ví dụ soBanSao > 0; để trống: luôn thu' }),
  ];
  const label = [ item.get('code'), item.get('name') ].filter(Boolean).join(' — ') || '(khoản mới)';
  return <CollapsibleEntry element={ element } id={ id } label={ label } entries={ entries } open={ open } translate={ useService('translate') } />;
}

function ExemptionItem(props) {
  const { element, item, parentId, index, open, schedule } = props;
  const id = `${parentId}-${index}`;
  const codes = (schedule.get('fees') || []).map(f => f.get('code')).filter(Boolean);
  const entries = [
    text(`${id}-name`, item, 'name', 'Tên miễn, giảm', { validate: required('tên, ví dụ Miễn lệ phí cho hộ nghèo') }),
    text(`${id}-fees`, item, 'fees', 'Áp dụng cho các khoản', {
      description: `Mã khoản, cách nhau bởi dấu phẩy; có: ${codes.join(', ') || '(chưa có khoản nào)'}`,
      validate: value => {
        const listed = (value || '').split(',').map(c => c.trim()).filter(Boolean);
        if (!listed.length) {
          return 'Cần ít nhất một mã khoản';
        }
        const unknown = listed.filter(c => !codes.includes(c));
        return unknown.length ? `Không có khoản mã ${unknown.join(', ')} trong biểu phí` : null;
      },
    }),
    text(`${id}-when`, item, 'when', 'Khi', { description: 'Điều kiện trên biến hồ sơ, ví dụ hoNgheo || nguoiCoCong; luôn áp dụng: true. Với mỗi khoản, miễn, giảm đầu tiên (theo thứ tự) thoả điều kiện được áp dụng', validate: required('điều kiện') }),
    text(`${id}-percent`, item, 'percent', 'Tỷ lệ miễn, giảm (%)', {
      description: '100 là miễn toàn bộ',
      validate: value => (/^\d+$/.test(value || '') && Number(value) >= 1 && Number(value) <= 100 ? null : 'Nhập số nguyên từ 1 đến 100'),
    }),
    text(`${id}-basis`, item, 'basis', 'Căn cứ pháp lý', { description: 'Văn bản, điều, khoản cho phép miễn, giảm; in kèm trên bảng kê', validate: required('căn cứ pháp lý') }),
  ];
  const percent = item.get('percent');
  const label = `${percent === '100' ? 'Miễn' : percent ? `Giảm ${percent}%` : 'Miễn, giảm'}: ${item.get('name') || '(chưa đặt tên)'}`;
  return <CollapsibleEntry element={ element } id={ id } label={ label } entries={ entries } open={ open } translate={ useService('translate') } />;
}

// ---- lists -----------------------------------------------------------------------------

/** A list of one kind of child of a schedule (or a fee's bands) with add and remove. */
function ChildList(props) {
  const { element, id, label, owner, list, component, schedule, newItem } = props;
  const moddle = useService('moddle');
  const writeAll = useWriteAll();
  const items = owner.get(list) || [];
  const onAdd = () => writeAll([ addTo(element, owner, list, create(moddle, newItem.type, newItem.attrs(items), owner)) ]);
  const onRemove = item => writeAll([ removeFrom(element, owner, list, item) ]);
  return <ListEntry element={ element } id={ id } label={ label } items={ items } component={ component }
    onAdd={ onAdd } onRemove={ onRemove } parentId={ id } schedule={ schedule } translate={ useService('translate') } />;
}

function BandList(props) {
  const { element, id, fee } = props;
  return <ChildList element={ element } id={ id } label="Các bậc" owner={ fee } list="bands"
    component={ BandItem } newItem={ { type: 'bpm:Band', attrs: () => ({ when: 'true', amount: '0' }) } } />;
}

function scheduleEntries(element, schedule, id) {
  const list = (suffix, label, listName, itemComponent, newItem) => ({
    id: `${id}-${suffix}`, owner: schedule, schedule, label, list: listName, itemComponent, newItem, component: ScheduleChildList,
  });
  return [
    text(`${id}-id`, schedule, 'id', 'Mã biểu phí', { validate: required('mã biểu phí, ví dụ BP-DKDN'), component: ScheduleId }),
    text(`${id}-name`, schedule, 'name', 'Tên biểu phí'),
    list('inputs', 'Biến hồ sơ (mặc định)', 'inputs', InputItem,
      { type: 'bpm:Input', attrs: () => ({ name: '', default: 'false' }) }),
    list('fees', 'Các khoản phí, lệ phí', 'fees', FeeItem,
      { type: 'bpm:Fee', attrs: items => ({ code: unique(items.map(f => f.get('code')), 'KHOAN-'), name: '', amount: '0' }) }),
    list('exemptions', 'Miễn, giảm', 'exemptions', ExemptionItem,
      { type: 'bpm:Exemption', attrs: () => ({ name: '', fees: (schedule.get('fees') || [])[0]?.get('code') || '', when: 'true', percent: '100' }) }),
  ];
}

function ScheduleChildList(props) {
  return <ChildList { ...props } component={ props.itemComponent } />;
}

/** The schedule's id; fee steps that name the old id follow it. */
function ScheduleId(props) {
  const { element, schedule } = props;
  const elementRegistry = useService('elementRegistry');
  const writeAll = useWriteAll();
  const write = value => {
    const old = schedule.get('id');
    const changes = [ { cmd: 'element.updateModdleProperties', context: { element, moddleElement: schedule, properties: { id: value } } } ];
    for (const step of elementRegistry.filter(e => is(e, 'bpmn:Activity') && old && getBusinessObject(e).get('bpm:feeSchedule') === old)) {
      changes.push({ cmd: 'element.updateProperties', context: { element: step, properties: { 'bpm:feeSchedule': value } } });
    }
    writeAll(changes);
  };
  return <FieldText { ...props } target={ schedule } write={ write } />;
}

/**
 * The "Biểu phí, lệ phí" group for the process (or pool) and for a fee step: a list group with one
 * item per schedule, or null for any other element.
 */
export function createFeeScheduleGroup(element, injector) {
  const bo = getBusinessObject(element);
  const isProcessLevel = is(bo, 'bpmn:Process') || is(bo, 'bpmn:Participant');
  if (!isProcessLevel && !(is(bo, 'bpmn:Activity') && bo.get('bpm:kind') === 'fee')) {
    return null;
  }
  const process = owningProcess(element);
  if (!process) {
    return null;
  }
  const moddle = injector.get('moddle');
  const commandStack = injector.get('commandStack');
  const schedules = schedulesOf(process);

  const add = () => {
    const changes = [];
    let extensionElements = process.extensionElements;
    if (!extensionElements) {
      extensionElements = create(moddle, 'bpmn:ExtensionElements', { values: [] }, process);
      changes.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: process, properties: { extensionElements } } });
    }
    const id = unique(schedules.map(s => s.get('id')), 'BP-');
    const schedule = create(moddle, 'bpm:FeeSchedule', { id, name: 'Biểu phí mới', inputs: [], fees: [], exemptions: [] }, extensionElements);
    changes.push(addTo(element, extensionElements, 'values', schedule));
    commandStack.execute('properties-panel.multi-command-executor', changes);
  };

  const items = schedules.map((schedule, index) => {
    const id = `feeSchedule-${index}`;
    const entries = scheduleEntries(element, schedule, id).map(e => ({ ...e, schedule }));
    return {
      id,
      label: [ schedule.get('id'), schedule.get('name') ].filter(Boolean).join(' — '),
      entries,
      remove: () => commandStack.execute('properties-panel.multi-command-executor', [ removeFrom(element, process.extensionElements, 'values', schedule) ]),
      autoFocusEntry: `${id}-id`,
    };
  });
  return { id: 'feeSchedules', label: 'Biểu phí, lệ phí', component: ListGroup, items, add, translate: injector.get('translate') };
}
