import { is } from 'bpmn-js/lib/util/ModelUtil';
import { DOMAIN_ACTIVITIES, createActivityShape, createSlaTimerShape } from './domain-activities.js';

/**
 * Context pad entries on a flow node: "append Bpm step" (a popup menu of the domain activities)
 * and, on an activity, "attach SLA timer" (a boundary timer with bpm:kind="sla").
 */
export default function BpmContextPad(contextPad, popupMenu, autoPlace, modeling, selection, elementFactory, bpmnFactory, translate) {
  contextPad.registerProvider(this);
  const factories = { elementFactory, bpmnFactory };

  popupMenu.registerProvider('bpm-append', {
    getPopupMenuEntries(element) {
      const entries = {};
      for (const activity of DOMAIN_ACTIVITIES) {
        entries[`bpm-append-${activity.key}`] = {
          label: translate(activity.label),
          className: activity.icon,
          action: () => autoPlace.append(element, createActivityShape(activity, factories)),
        };
      }
      return entries;
    },
  });

  function attachSla(element) {
    const shape = createSlaTimerShape('bpmn:BoundaryEvent', factories);
    const taken = (element.attachers || []).length;
    const position = { x: element.x + element.width - 20 - taken * 40, y: element.y + element.height };
    selection.select(modeling.createShape(shape, position, element, { attach: true }));
  }

  this.getContextPadEntries = function(element) {
    if (!is(element, 'bpmn:FlowNode') || is(element, 'bpmn:EndEvent') || element.type === 'label') {
      return {};
    }
    const entries = {
      'bpm-append': {
        group: 'model',
        className: 'bpm-pad-append',
        title: translate('Append Bpm step'),
        action: {
          click(event, target) {
            const pad = contextPad.getPad(target).html.getBoundingClientRect();
            popupMenu.open(target, 'bpm-append', { x: pad.left, y: pad.bottom + 8 }, {
              title: translate('Append Bpm step'),
              width: 300,
              search: true,
            });
          },
        },
      },
    };
    if (is(element, 'bpmn:Activity')) {
      entries['bpm-attach-sla'] = {
        group: 'model',
        className: 'bpmn-icon-intermediate-event-catch-timer bpm-pad-sla',
        title: translate('Attach SLA timer'),
        action: { click: (event, target) => attachSla(target) },
      };
    }
    return entries;
  };
}

BpmContextPad.$inject = [ 'contextPad', 'popupMenu', 'autoPlace', 'modeling', 'selection', 'elementFactory', 'bpmnFactory', 'translate' ];
