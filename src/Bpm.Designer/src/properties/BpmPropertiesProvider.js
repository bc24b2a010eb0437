import { createBpmGroup } from './BpmGroup.jsx';

const LOW_PRIORITY = 500;

/** Adds the "Bpm" group, right after "General", to every element that carries bpm: attributes. */
export default function BpmPropertiesProvider(propertiesPanel, injector) {
  this.getGroups = function(element) {
    return function(groups) {
      const group = createBpmGroup(element, injector);
      if (group) {
        const general = groups.findIndex(g => g.id === 'general');
        groups.splice(general + 1, 0, group);
      }
      return groups;
    };
  };

  propertiesPanel.registerProvider(LOW_PRIORITY, this);
}

BpmPropertiesProvider.$inject = [ 'propertiesPanel', 'injector' ];
