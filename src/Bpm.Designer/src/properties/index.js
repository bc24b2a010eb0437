import BpmPropertiesProvider from './BpmPropertiesProvider.js';

export default {
  __init__: [ 'bpmPropertiesProvider' ],
  bpmPropertiesProvider: [ 'type', BpmPropertiesProvider ],
};
