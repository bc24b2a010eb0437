// The dossier page's process map (Bpm.Server, Features/DossierPage/ProcessMap.razor): a read-only
// bpmn-js NavigatedViewer of the dossier's definition version, with the elements a token is in now
// and the ones it has passed marked. Built as its own ES module (viewer.js) so the workspace pages
// load bpmn-js only where a diagram is shown, and never the modeler.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './map.css';

import bpmModdle from '../bpm-moddle.json';

const stylesheet = new URL('viewer.css', import.meta.url).href;

function addStylesheet() {
  if (![ ...document.styleSheets ].some(s => s.href === stylesheet)) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: stylesheet }));
  }
}

/** Draws the diagram described by the element's data-map; answers whether the drawing is still on the page. */
export async function mount(element) {
  addStylesheet();
  const { xml, current, done, flows } = JSON.parse(element.dataset.map);
  const message = element.querySelector('[data-island-message]');
  const canvasNode = document.createElement('div');
  canvasNode.className = 'bpm-map-canvas';
  element.append(canvasNode);

  const viewer = new NavigatedViewer({ container: canvasNode, moddleExtensions: { bpm: bpmModdle } });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const mark = (ids, marker) => ids.filter(id => registry.get(id)).forEach(id => canvas.addMarker(id, marker));
  mark(done, 'bpm-map-done');
  mark(flows, 'bpm-map-done');
  mark(current, 'bpm-map-current');
  canvas.zoom('fit-viewport');
  message?.remove();
  element.dataset.islandReady = 'true';

  const tools = element.closest('section')?.querySelector('.bpm-map-tools');
  if (tools) {
    tools.hidden = false;
    tools.onclick = event => {
      const zoom = event.target.closest('[data-map-zoom]')?.dataset.mapZoom;
      if (zoom === 'fit') canvas.zoom('fit-viewport');
      else if (zoom) viewer.get('zoomScroll').stepZoom(zoom === 'in' ? 1 : -1);
    };
  }

  return { isAlive: () => canvasNode.isConnected };
}
