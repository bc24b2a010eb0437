function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);
}

/** A new process: start → reception → end, with the process id being the definition id. */
export function newDiagramXml({ definitionId, name, procedureCode, level, timeLimit }) {
  const attrs = [
    procedureCode ? ` bpm:procedureCode="${escapeXml(procedureCode)}"` : '',
    level ? ` bpm:level="${escapeXml(level)}"` : '',
    timeLimit ? ` bpm:timeLimit="${escapeXml(timeLimit)}"` : '',
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="Definitions_${escapeXml(definitionId)}" targetNamespace="urn:bpm-vn:definitions" exporter="Bpm designer" exporterVersion="1.0">
  <bpmn:process id="${escapeXml(definitionId)}" name="${escapeXml(name || definitionId)}" isExecutable="true"${attrs}>
    <bpmn:startEvent id="StartEvent_NopHoSo" name="Nộp hồ sơ">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Task_TiepNhan" name="Tiếp nhận hồ sơ" bpm:role="reception" bpm:allowance="PT4H">
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="EndEvent_TraKetQua" name="Trả kết quả">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_NopHoSo" targetRef="Task_TiepNhan" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_TiepNhan" targetRef="EndEvent_TraKetQua" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${escapeXml(definitionId)}">
      <bpmndi:BPMNShape id="StartEvent_NopHoSo_di" bpmnElement="StartEvent_NopHoSo"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_TiepNhan_di" bpmnElement="Task_TiepNhan"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_TraKetQua_di" bpmnElement="EndEvent_TraKetQua"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
