import { DOMAIN_ACTIVITIES, SLA_TIMER, createActivityShape, createSlaTimerShape } from './domain-activities.js';

/** Palette entries for the domain activities, in their own group below the standard tools. */
export default function BpmPalette(palette, create, elementFactory, bpmnFactory, translate) {
  palette.registerProvider(this);
  const factories = { elementFactory, bpmnFactory };

  this.getPaletteEntries = function() {
    const entries = {
      'bpm-separator': { group: 'bpm', separator: true },
    };
    for (const activity of DOMAIN_ACTIVITIES) {
      const start = event => create.start(event, createActivityShape(activity, factories));
      entries[`bpm-create-${activity.key}`] = {
        group: 'bpm',
        className: `${activity.icon} bpm-entry`,
        title: translate('Create {label}', { label: translate(activity.label) }),
        action: { dragstart: start, click: start },
      };
    }
    const startSla = event => create.start(event, createSlaTimerShape('bpmn:IntermediateCatchEvent', factories));
    entries['bpm-create-sla'] = {
      group: 'bpm',
      className: 'bpmn-icon-intermediate-event-catch-timer bpm-entry',
      title: translate('Create {label}', { label: translate(SLA_TIMER.label) }) + ' — kéo thả lên viền một bước',
      action: { dragstart: startSla, click: startSla },
    };
    return entries;
  };
}

BpmPalette.$inject = [ 'palette', 'create', 'elementFactory', 'bpmnFactory', 'translate' ];
