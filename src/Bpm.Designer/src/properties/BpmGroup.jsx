import {
  SelectEntry, TextFieldEntry, TextAreaEntry,
  isSelectEntryEdited, isTextFieldEntryEdited, isTextAreaEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';

import { unitOptions } from '../organisation.js';
import { workingHours, formatWorkingHours, toDuration, fromDuration } from '../lint/working-time.js';
import { longestPath } from '../lint/longest-path.js';
import { parseFeeItems } from './fee-items.js';
import { owningProcess, schedulesOf } from './FeeScheduleGroup.jsx';
import vocabulary from '../bpm-vocabulary.json';

// The values come from the engine (bpm-vocabulary.json, generated); the designer adds only the labels.
const ROLE_LABELS = {
  reception: 'Tiếp nhận (Một cửa)',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  accountant: 'Kế toán',
  clerk: 'Văn thư',
};
const LEVEL_LABELS = { province: 'Cấp tỉnh', commune: 'Cấp xã', district: 'Cấp huyện (trước 01/7/2025)' };
const CHANNEL_LABELS = { sms: 'SMS', email: 'Thư điện tử', portal: 'Cổng dịch vụ công', zalo: 'Zalo' };
const CLOCK_LABELS = {
  pause: 'Tạm dừng tính thời hạn khi chờ (pause)',
  restart: 'Dừng, rồi tính lại thời hạn từ đầu khi hồ sơ đủ (restart)',
};
const CALENDAR_LABELS = { calendar: 'Theo lịch (24/7)', working: 'Theo giờ làm việc' };
const VERSION_BINDING_LABELS = { latest: 'Mới nhất đã xuất bản', fixed: 'Cố định' };
const KIND_LABELS = {
  sla: 'Hẹn giờ SLA (sla)',
  handoff: 'Liên thông (handoff)',
  fee: 'Thu phí, lệ phí (fee)',
  document: 'Ban hành văn bản (document)',
  notify: 'Thông báo (notify)',
};

/** [ value, label ] pairs for one of the vocabulary's lists; a value without a label shows as itself. */
function labelled(values, labels) {
  return values.map(v => [ v, labels[v] || v ]);
}

export const ROLES = labelled(vocabulary.roles, ROLE_LABELS);
export const LEVELS = labelled(vocabulary.levels, LEVEL_LABELS);
const CHANNELS = labelled(vocabulary.channels, CHANNEL_LABELS);
const CLOCKS = labelled(vocabulary.clock, CLOCK_LABELS);
const CALENDARS = labelled(vocabulary.calendars, CALENDAR_LABELS);
const VERSION_BINDINGS = labelled(vocabulary.versionBindings, VERSION_BINDING_LABELS);

/** Which bpm:kind values an element may take (docs/bpmn-extensions.md). */
export function kindsFor(element) {
  const bo = getBusinessObject(element);
  if (is(bo, 'bpmn:BoundaryEvent')) {
    return (bo.eventDefinitions || []).some(d => is(d, 'bpmn:TimerEventDefinition')) ? [ 'sla' ] : [];
  }
  const kinds = [];
  if (isAny(bo, [ 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:UserTask' ]) || bo.$type === 'bpmn:Task') {
    kinds.push('handoff');
  }
  if (isAny(bo, [ 'bpmn:ServiceTask', 'bpmn:UserTask' ])) {
    kinds.push('fee');
  }
  if (isAny(bo, [ 'bpmn:ServiceTask', 'bpmn:SendTask' ]) || bo.$type === 'bpmn:Task') {
    kinds.push('document', 'notify');
  }
  return kinds.filter(k => vocabulary.kinds.includes(k));
}

function options(pairs, empty = '— chưa chọn —') {
  return [ { value: '', label: empty }, ...pairs.map(([ value, label ]) => ({ value, label })) ];
}

/** The process a process-level field edits: the root process, or a participant's process. */
function processOf(element) {
  const bo = getBusinessObject(element);
  if (is(bo, 'bpmn:Process')) {
    return bo;
  }
  if (is(bo, 'bpmn:Participant')) {
    return bo.processRef;
  }
  return null;
}

function feeScheduleOptions(element) {
  const schedules = schedulesOf(owningProcess(element)).filter(s => s.get('id'));
  return options(schedules.map(s => [ s.get('id'), [ s.get('id'), s.get('name') ].filter(Boolean).join(' — ') ]), '— không dùng biểu phí —');
}

function timerOf(element) {
  return (getBusinessObject(element).eventDefinitions || []).find(d => is(d, 'bpmn:TimerEventDefinition'));
}

// ---- generic entries -------------------------------------------------------------------

function useAttribute(element, target, name) {
  const modeling = useService('modeling');
  const bo = target || getBusinessObject(element);
  const get = () => bo.get(`bpm:${name}`) || '';
  const set = value => {
    const update = { [`bpm:${name}`]: value === '' || value === null ? undefined : value };
    if (bo === getBusinessObject(element)) {
      modeling.updateProperties(element, update);
    } else {
      modeling.updateModdleProperties(element, bo, update);
    }
  };
  return [ get, set ];
}

function AttributeText(props) {
  const { element, id, name, label, description, target, validate, area } = props;
  const debounce = useService('debounceInput');
  const [ getValue, setValue ] = useAttribute(element, target, name);
  const Entry = area ? TextAreaEntry : TextFieldEntry;
  return <Entry element={ element } id={ id } label={ label } description={ description }
    getValue={ getValue } setValue={ setValue } debounce={ debounce } validate={ validate } rows={ 2 } />;
}

function AttributeSelect(props) {
  const { element, id, name, label, description, target, choices } = props;
  const [ getValue, setValue ] = useAttribute(element, target, name);
  const getOptions = () => {
    const list = typeof choices === 'function' ? choices(getValue()) : choices;
    const value = getValue();
    return value && !list.some(o => o.value === value) ? [ ...list, { value, label: `${value} (không hợp lệ)` } ] : list;
  };
  return <SelectEntry element={ element } id={ id } label={ label } description={ description }
    getValue={ getValue } setValue={ setValue } getOptions={ getOptions } />;
}

/**
 * A working-time duration as two fields, an amount and a unit (working days / hours). The
 * duration lives either in a bpm: attribute or, for an SLA timer, in the timer's timeDuration.
 */
function useDuration(element, props) {
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  if (props.timer) {
    const timer = timerOf(element);
    const get = () => timer?.timeDuration?.body || '';
    const set = value => {
      const expression = value ? bpmnFactory.create('bpmn:FormalExpression', { body: value }) : undefined;
      modeling.updateModdleProperties(element, timer, { timeDuration: expression, timeDate: undefined, timeCycle: undefined });
    };
    return [ get, set ];
  }
  return useAttribute(element, props.target, props.name);
}

// The unit chosen while the amount is still empty has nowhere to live in the model yet.
const pendingUnits = new Map();

function unitKey(element, props) {
  return `${element.id}:${props.timer ? 'timeDuration' : props.name}`;
}

function currentUnit(element, props, raw) {
  const parsed = fromDuration(raw);
  return parsed.amount ? parsed.unit : pendingUnits.get(unitKey(element, props)) || props.defaultUnit || 'days';
}

function DurationAmount(props) {
  const { element, id, label, description } = props;
  const debounce = useService('debounceInput');
  const [ get, set ] = useDuration(element, props);
  const getValue = () => fromDuration(get()).amount.replace('.', ',');
  const setValue = value => {
    const amount = Number(String(value || '').replace(',', '.'));
    set(toDuration(amount, currentUnit(element, props, get())) || '');
  };
  const validate = value => {
    if (!value) {
      return null;
    }
    const amount = Number(String(value).replace(',', '.'));
    return amount > 0 && Number.isFinite(amount) ? null : 'Nhập một số dương, ví dụ 3 hoặc 0,5';
  };
  const raw = get();
  const text = raw ? (workingHours(raw) === null ? `"${raw}" không phải thời lượng làm việc hợp lệ` : `${raw} = ${formatWorkingHours(workingHours(raw))}`) : '';
  return <TextFieldEntry element={ element } id={ id } label={ label } debounce={ debounce }
    description={ [ text, description ].filter(Boolean).join(' · ') }
    getValue={ getValue } setValue={ setValue } validate={ validate } />;
}

function DurationUnit(props) {
  const { element, id, label } = props;
  const [ get, set ] = useDuration(element, props);
  const getValue = () => currentUnit(element, props, get());
  const setValue = unit => {
    pendingUnits.set(unitKey(element, props), unit);
    const current = fromDuration(get());
    if (current.amount) {
      set(toDuration(Number(current.amount), unit));
    }
  };
  const getOptions = () => [ { value: 'days', label: 'ngày làm việc' }, { value: 'hours', label: 'giờ làm việc' } ];
  return <SelectEntry element={ element } id={ id } label={ label } getValue={ getValue } setValue={ setValue } getOptions={ getOptions } />;
}

function durationEntries(element, id, label, props = {}) {
  const isEdited = node => isTextFieldEntryEdited(node);
  return [
    { id: `${id}-amount`, element, label, component: DurationAmount, isEdited, ...props },
    { id: `${id}-unit`, element, label: 'Đơn vị thời gian', component: DurationUnit, isEdited: isSelectEntryEdited, ...props },
  ];
}

// ---- the group -------------------------------------------------------------------------

function text(element, id, name, label, extra = {}) {
  return { id, element, name, label, component: AttributeText, isEdited: extra.area ? isTextAreaEntryEdited : isTextFieldEntryEdited, ...extra };
}

function select(element, id, name, label, choices, extra = {}) {
  return { id, element, name, label, choices, component: AttributeSelect, isEdited: isSelectEntryEdited, ...extra };
}

function processEntries(element, process) {
  const { hours } = longestPath(process);
  const limit = workingHours(process.get('bpm:timeLimit'));
  const longest = `Đường dài nhất hiện có: ${formatWorkingHours(hours)}` + (limit !== null && hours > limit ? ' — VƯỢT thời hạn' : '');
  return [
    text(element, 'bpm-procedureCode', 'procedureCode', 'Mã thủ tục hành chính', { target: process, description: 'Mã TTHC trong Cơ sở dữ liệu quốc gia, ví dụ 1.001193' }),
    select(element, 'bpm-level', 'level', 'Cấp thực hiện', options(LEVELS), { target: process }),
    ...durationEntries(element, 'bpm-timeLimit', 'Thời hạn giải quyết', { target: process, name: 'timeLimit', description: longest }),
    select(element, 'bpm-decidingUnit', 'decidingUnit', 'Cơ quan quyết định', current => unitOptions(current),
      { target: process, description: 'Lãnh đạo cơ quan này nhận việc lập phiếu xin lỗi khi hồ sơ sắp quá hạn' }),
    text(element, 'bpm-sector', 'sector', 'Lĩnh vực', { target: process }),
    text(element, 'bpm-feeSchedule', 'feeSchedule', 'Văn bản quy định phí, lệ phí (ghi chú)',
      { target: process, description: 'Chỉ để ghi chú; các biểu phí tính tiền ở nhóm "Biểu phí, lệ phí" bên dưới' }),
  ];
}

function activityEntries(element) {
  const bo = getBusinessObject(element);
  const entries = [
    select(element, 'bpm-unit', 'unit', 'Đơn vị xử lý', current => unitOptions(current), { description: 'Chọn từ cây tổ chức' }),
    select(element, 'bpm-role', 'role', 'Vai trò', options(ROLES)),
    ...durationEntries(element, 'bpm-allowance', 'Thời gian cho phép', { name: 'allowance' }),
  ];
  if (is(bo, 'bpmn:UserTask')) {
    entries.push(text(element, 'bpm-outcomes', 'outcomes', 'Kết quả xử lý', { description: 'Các lựa chọn khi hoàn thành, cách nhau bởi dấu phẩy, ví dụ approve,supplement,reject' }));
  }
  const kinds = kindsFor(element);
  if (kinds.length) {
    entries.push(select(element, 'bpm-kind', 'kind', 'Loại bước nghiệp vụ', options(kinds.map(k => [ k, KIND_LABELS[k] ]), '— bước thường —')));
  }
  switch (bo.get('bpm:kind')) {
    case 'handoff':
      entries.push(
        select(element, 'bpm-targetLevel', 'targetLevel', 'Cấp nhận liên thông', options(LEVELS)),
        select(element, 'bpm-targetAgency', 'targetAgency', 'Cơ quan nhận liên thông', current => unitOptions(current)),
        text(element, 'bpm-targetProcedure', 'targetProcedure', 'Thủ tục / quy trình của cơ quan nhận'));
      break;
    case 'fee':
      entries.push(select(element, 'bpm-feeScheduleRef', 'feeSchedule', 'Biểu phí áp dụng', current => feeScheduleOptions(element, current), {
        description: 'Một biểu phí của quy trình (nhóm "Biểu phí, lệ phí"), hoặc để trống và ghi danh mục phí cố định bên dưới',
      }));
      entries.push(text(element, 'bpm-feeItems', 'feeItems', 'Các khoản phí, lệ phí', {
        area: true,
        description: 'MÃ:SỐ TIỀN[:TÊN];… bằng đồng, ví dụ LEPHI:50000:Lệ phí đăng ký',
        validate: value => parseFeeItems(value).error || null,
      }));
      break;
    case 'document':
      entries.push(text(element, 'bpm-template', 'template', 'Mẫu văn bản', { description: 'Mã mẫu, ví dụ phieu-hen, mau-02-bo-sung' }));
      break;
    case 'notify':
      entries.push(
        select(element, 'bpm-channel', 'channel', 'Kênh thông báo', options(CHANNELS)),
        text(element, 'bpm-template', 'template', 'Mẫu tin nhắn'));
      break;
  }
  entries.push(select(element, 'bpm-clock', 'clock', 'Đồng hồ thời hạn', options(CLOCKS, '— tiếp tục tính —'),
    { description: 'Khi hồ sơ chờ ở bước này (ví dụ chờ bổ sung), thời hạn giải quyết có được tạm dừng không' }));
  if (is(bo, 'bpmn:ReceiveTask')) {
    entries.push(text(element, 'bpm-correlationKey', 'correlationKey', 'Khoá tương quan', { description: 'Biểu thức trên biến quy trình, ví dụ dossierCode' }));
  }
  if (is(bo, 'bpmn:CallActivity')) {
    entries.push(
      select(element, 'bpm-versionBinding', 'versionBinding', 'Phiên bản được gọi', options(VERSION_BINDINGS)),
      text(element, 'bpm-version', 'version', 'Số phiên bản (khi cố định)'));
  }
  return entries;
}

function eventEntries(element) {
  const bo = getBusinessObject(element);
  const entries = [];
  const timer = timerOf(element);
  const kinds = kindsFor(element);
  if (kinds.length) {
    entries.push(select(element, 'bpm-kind', 'kind', 'Loại bước nghiệp vụ', options(kinds.map(k => [ k, KIND_LABELS[k] ]), '— hẹn giờ thường —')));
  }
  if (bo.get('bpm:kind') === 'sla' && timer) {
    entries.push(
      ...durationEntries(element, 'bpm-slaDuration', 'Thời hạn SLA', { timer: true, defaultUnit: 'hours', description: 'Tính theo giờ làm việc trên lịch của đơn vị xử lý' }),
      text(element, 'bpm-escalateTo', 'escalateTo', 'Báo cáo lên', { description: 'Mã đơn vị hoặc vai trò được cảnh báo, ví dụ leader' }));
  } else if (timer) {
    entries.push(select(element, 'bpm-calendar', 'calendar', 'Cách tính thời gian', options(CALENDARS, '— mặc định (theo lịch) —')));
  }
  if (is(bo, 'bpmn:IntermediateCatchEvent') && (bo.eventDefinitions || []).some(d => is(d, 'bpmn:MessageEventDefinition'))) {
    entries.push(
      text(element, 'bpm-correlationKey', 'correlationKey', 'Khoá tương quan'),
      select(element, 'bpm-clock', 'clock', 'Đồng hồ thời hạn', options(CLOCKS, '— tiếp tục tính —')));
  }
  return entries;
}

/** The "Bpm" properties group for an element, or null when bpm: has nothing to say about it. */
export function createBpmGroup(element, injector) {
  const translate = injector.get('translate');
  const bo = getBusinessObject(element);
  let entries = [];
  const process = processOf(element);
  if (process) {
    entries = processEntries(element, process);
  } else if (is(bo, 'bpmn:Activity')) {
    entries = activityEntries(element);
  } else if (is(bo, 'bpmn:CatchEvent')) {
    entries = eventEntries(element);
  }
  if (!entries.length) {
    return null;
  }
  return { id: 'bpm', label: translate('Bpm'), entries };
}
