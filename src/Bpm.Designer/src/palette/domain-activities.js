// The domain activities the palette and the append menu offer, pre-configured with bpm: attributes
// (docs/bpmn-extensions.md). Allowances are starting points the designer adjusts.
export const DOMAIN_ACTIVITIES = [
  { key: 'reception', label: 'Reception', type: 'bpmn:UserTask', name: 'Tiếp nhận hồ sơ', icon: 'bpmn-icon-user-task', badge: 'TN',
    attrs: { 'bpm:role': 'reception', 'bpm:allowance': 'PT4H' } },
  { key: 'review', label: 'Specialist review', type: 'bpmn:UserTask', name: 'Thẩm định hồ sơ', icon: 'bpmn-icon-user-task', badge: 'TĐ',
    attrs: { 'bpm:role': 'specialist', 'bpm:allowance': 'P1D', 'bpm:outcomes': 'approve,supplement,reject' } },
  { key: 'approval', label: 'Leader approval', type: 'bpmn:UserTask', name: 'Lãnh đạo phê duyệt', icon: 'bpmn-icon-user-task', badge: 'PD',
    attrs: { 'bpm:role': 'leader', 'bpm:allowance': 'PT4H', 'bpm:outcomes': 'approve,return' } },
  { key: 'handoff', label: 'Cross-level handoff', type: 'bpmn:ServiceTask', name: 'Liên thông hồ sơ', icon: 'bpmn-icon-service-task', badge: 'LT',
    attrs: { 'bpm:kind': 'handoff', 'bpm:targetLevel': 'province' } },
  { key: 'fee', label: 'Fee collection', type: 'bpmn:ServiceTask', name: 'Thu phí, lệ phí', icon: 'bpmn-icon-service-task', badge: '₫',
    attrs: { 'bpm:kind': 'fee' } },
  { key: 'document', label: 'Issue document', type: 'bpmn:ServiceTask', name: 'Ban hành văn bản', icon: 'bpmn-icon-service-task', badge: 'VB',
    attrs: { 'bpm:kind': 'document', 'bpm:template': 'phieu-hen' } },
  { key: 'notify', label: 'Notify applicant', type: 'bpmn:SendTask', name: 'Thông báo người yêu cầu', icon: 'bpmn-icon-send-task', badge: 'TB',
    attrs: { 'bpm:kind': 'notify', 'bpm:channel': 'sms', 'bpm:template': 'thong-bao-co-ket-qua' } },
];

export const SLA_TIMER = { key: 'sla', label: 'SLA timer', name: 'Quá hạn SLA', duration: 'PT4H', attrs: { 'bpm:kind': 'sla', 'bpm:escalateTo': 'leader' } };

/** A new shape for a domain activity, with its bpm: attributes set on the business object. */
export function createActivityShape(activity, { bpmnFactory, elementFactory }) {
  const businessObject = bpmnFactory.create(activity.type, { name: activity.name });
  for (const [ name, value ] of Object.entries(activity.attrs)) {
    businessObject.set(name, value);
  }
  return elementFactory.createShape({ type: activity.type, businessObject });
}

/** An SLA timer: a timer event with bpm:kind="sla", as a boundary event or (from the palette) a catch event to drop on an activity's border. */
export function createSlaTimerShape(type, { bpmnFactory, elementFactory }) {
  const shape = elementFactory.createShape({ type, eventDefinitionType: 'bpmn:TimerEventDefinition' });
  const bo = shape.businessObject;
  bo.name = SLA_TIMER.name;
  for (const [ name, value ] of Object.entries(SLA_TIMER.attrs)) {
    bo.set(name, value);
  }
  const timer = bo.eventDefinitions[0];
  timer.timeDuration = bpmnFactory.create('bpmn:FormalExpression', { body: SLA_TIMER.duration });
  timer.timeDuration.$parent = timer;
  return shape;
}
