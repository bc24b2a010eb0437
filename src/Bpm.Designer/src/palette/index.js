import BpmPalette from './BpmPalette.js';
import BpmContextPad from './BpmContextPad.js';

export default {
  __init__: [ 'bpmPalette', 'bpmContextPad' ],
  bpmPalette: [ 'type', BpmPalette ],
  bpmContextPad: [ 'type', BpmContextPad ],
};
