import { createBpmGroup } from './BpmGroup.jsx';
import { createFeeScheduleGroup } from './FeeScheduleGroup.jsx';

const LOW_PRIORITY = 500;

/** Adds the "Bpm" group, right after "General", to every element that carries bpm: attributes, and the fee schedules after it. */
export default function BpmPropertiesProvider(propertiesPanel, injector) {
  this.getGroups = function(element) {
    return function(groups) {
      const general = groups.findIndex(g => g.id === 'general');
      const added = [ createBpmGroup(element, injector), createFeeScheduleGroup(element, injector) ].filter(Boolean);
      groups.splice(general + 1, 0, ...added);
      return groups;
    };
  };

  propertiesPanel.registerProvider(LOW_PRIORITY, this);
}

BpmPropertiesProvider.$inject = [ 'propertiesPanel', 'injector' ];
