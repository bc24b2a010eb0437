import { workingHours, HOURS_PER_WORKING_DAY } from './working-time.js';

function is(element, type) {
  return element && typeof element.$instanceOf === 'function' && element.$instanceOf(type);
}

/**
 * The largest sum of step allowances from a start event to any node, along sequence flows —
 * the same walk as the engine's ProcessChecks.LongestPathHours: back edges (loops) count once,
 * boundary-event branches are exceptions and not the plan, and a sub-process without its own
 * allowance weighs its own longest path.
 *
 * @returns {{ hours: number, path: object[] }} the path ends at its last flow node
 */
export function longestPath(container) {
  const nodes = (container.flowElements || []).filter(e => is(e, 'bpmn:FlowNode'));
  const starts = nodes.filter(n => is(n, 'bpmn:StartEvent') && !(n.incoming || []).length);
  const colour = new Map();
  const back = new Set();
  const postorder = [];

  for (const start of starts) {
    if (colour.has(start)) {
      continue;
    }
    const stack = [ { node: start, next: 0 } ];
    colour.set(start, 1);
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const outgoing = (frame.node.outgoing || []).filter(f => is(f, 'bpmn:SequenceFlow') && f.targetRef);
      if (frame.next < outgoing.length) {
        const flow = outgoing[frame.next++];
        const state = colour.get(flow.targetRef) || 0;
        if (state === 0) {
          colour.set(flow.targetRef, 1);
          stack.push({ node: flow.targetRef, next: 0 });
        } else if (state === 1) {
          back.add(flow);
        }
        continue;
      }
      colour.set(frame.node, 2);
      postorder.push(frame.node);
      stack.pop();
    }
  }

  const best = new Map();
  const previous = new Map();
  for (let i = postorder.length - 1; i >= 0; i--) {
    const node = postorder[i];
    let before = 0;
    let from = null;
    for (const flow of node.incoming || []) {
      if (back.has(flow) || !best.has(flow.sourceRef)) {
        continue;
      }
      const value = best.get(flow.sourceRef);
      if (from === null || value > before) {
        before = value;
        from = flow.sourceRef;
      }
    }
    best.set(node, before + ownHours(node));
    previous.set(node, from);
  }

  let last = null;
  for (const [ node, hours ] of best) {
    // prefer the furthest node on ties, so the report lands on the end of the path
    if (last === null || hours > best.get(last) || (hours === best.get(last) && is(node, 'bpmn:EndEvent'))) {
      last = node;
    }
  }
  const path = [];
  for (let node = last; node; node = previous.get(node)) {
    path.unshift(node);
  }
  return { hours: last ? best.get(last) : 0, path };
}

function ownHours(node) {
  const allowance = node.get ? node.get('bpm:allowance') : undefined;
  if (allowance) {
    return workingHours(allowance) || 0;
  }
  if (is(node, 'bpmn:SubProcess')) {
    return longestPath(node).hours;
  }
  return 0;
}

export { HOURS_PER_WORKING_DAY };
