import { longestPath } from './longest-path.js';
import { workingHours, formatWorkingHours } from './working-time.js';

/**
 * bpmnlint rule: the sum of time allowances on the longest path must not exceed the legal time
 * limit (bpm:timeLimit). Reported on the last element of that path, so it shows where the
 * procedure runs over; the engine reports the same finding on the process as a warning.
 */
export default function allowanceWithinTimeLimit() {
  function check(node, reporter) {
    if (!node.$instanceOf || !node.$instanceOf('bpmn:Process')) {
      return;
    }
    const limitText = node.get('bpm:timeLimit');
    if (!limitText) {
      return;
    }
    const limit = workingHours(limitText);
    if (limit === null) {
      reporter.report(node.id, `Thời hạn giải quyết bpm:timeLimit "${limitText}" không phải thời lượng làm việc hợp lệ (ví dụ P3D, PT4H)`);
      return;
    }
    const { hours, path } = longestPath(node);
    if (hours > limit + 1e-9) {
      const last = path[path.length - 1] || node;
      const steps = path.filter(n => n.get && n.get('bpm:allowance')).map(n => n.name || n.id).join(' → ');
      reporter.report(last.id,
        `Tổng thời gian cho phép trên đường dài nhất là ${formatWorkingHours(hours)}, vượt thời hạn giải quyết ${limitText} (${formatWorkingHours(limit)}). Các bước: ${steps}`);
    }
  }
  return { check };
}
