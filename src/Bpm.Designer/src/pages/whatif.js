import { api } from '../api.js';
import { el } from '../dom.js';
import { showDialog } from '../dialog.js';

// "Mô phỏng": the diagram as it is now against the published version, on the last months'
// dossiers and the units' staff (POST /api/v1/definitions/{id}/whatif, docs/reports.md).

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const share = value => (value === null || value === undefined ? '—' : `${number.format(value)} %`);
const signed = value => (value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${number.format(value)}`);
const sources = { history: 'lịch sử', allowance: 'thời gian cho phép × hệ số', default: 'mặc định' };

/** Asks for the run's settings; null when cancelled, else the request body without the XML. */
export async function askWhatIf() {
  const values = await showDialog({
    title: 'Mô phỏng trước khi xuất bản',
    message: 'Chạy sơ đồ hiện tại và phiên bản đang ban hành trên hồ sơ đã tiếp nhận các tháng qua, với số cán bộ của các đơn vị. Không ghi gì vào hệ thống.',
    fields: [
      { name: 'months', label: 'Số tháng hồ sơ', value: '3', required: true, hint: 'từ 1 đến 24' },
      { name: 'arrivalsPerDay', label: 'Số hồ sơ mỗi ngày làm việc (khi không có hồ sơ cũ)', hint: 'để trống nếu quy trình đã có hồ sơ' },
      { name: 'staff', label: 'Số cán bộ thay đổi', hint: 'ĐƠN_VỊ:vai_trò=N, cách nhau bằng dấu phẩy, ví dụ XA-PHUONGLAM.MOTCUA:reception=2' },
      { name: 'seed', label: 'Hạt giống', value: '1', hint: 'cùng hạt giống cho cùng kết quả' },
    ],
    okLabel: 'Mô phỏng',
  });
  if (!values) {
    return null;
  }
  const staff = {};
  for (const item of values.staff.split(',').map(s => s.trim()).filter(Boolean)) {
    const match = /^(.+:[^=]+)=(\d+)$/.exec(item);
    if (!match) {
      throw new Error(`Số cán bộ '${item}' phải có dạng ĐƠN_VỊ:vai_trò=N`);
    }
    staff[match[1]] = Number(match[2]);
  }
  return {
    months: Number(values.months),
    seed: values.seed ? Number(values.seed) : 1,
    arrivalsPerDay: values.arrivalsPerDay ? Number(values.arrivalsPerDay.replace(',', '.')) : null,
    staff,
  };
}

export async function runWhatIf(definitionId, xml, settings) {
  return api.whatIf(definitionId, { xml, ...settings });
}

/** Both versions' figures side by side, then where each one's dossiers queue. */
export function showWhatIf(report) {
  const { current, candidate, difference } = report;
  const row = (label, a, b, d) => el('tr', {}, el('th', {}, label), el('td', {}, a), el('td', {}, b), el('td', {}, d));
  const summary = el('table', { class: 'grid', id: 'whatif-summary' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, `Đang ban hành (v${current.version})`), el('th', {}, 'Bản đang sửa'), el('th', {}, 'Chênh lệch'))),
    el('tbody', {},
      row('Số hồ sơ', current.dossiers, candidate.dossiers, ''),
      row('Đúng hạn hoặc trước hạn', current.onTimeOrEarly, candidate.onTimeOrEarly, signed(difference.onTimeOrEarly)),
      row('Quá hạn', current.late, candidate.late, signed(difference.late)),
      row('Chưa xong khi kết thúc', current.unfinished, candidate.unfinished, signed(candidate.unfinished - current.unfinished)),
      row('Tỉ lệ đúng hạn', share(current.onTimeShare), share(candidate.onTimeShare), difference.onTimeShare === null ? '—' : `${signed(difference.onTimeShare)} điểm`)));
  const steps = (version, id) => el('table', { class: 'grid', id },
    el('thead', {}, el('tr', {}, ['Bước', 'Đơn vị:vai trò', 'Số việc', 'Chờ TB (giờ)', 'Chờ P90 (giờ)', 'Xử lý TB (giờ)', 'Sử dụng', 'Thời gian theo'].map(h => el('th', {}, h)))),
    el('tbody', {}, version.steps.map(s => el('tr', {},
      el('td', {}, s.name || s.elementId), el('td', {}, s.pool), el('td', {}, s.tasks), el('td', {}, number.format(s.meanWaitHours)),
      el('td', {}, number.format(s.p90WaitHours)), el('td', {}, number.format(s.meanServiceHours)), el('td', {}, `${number.format(s.utilisation)} %`),
      el('td', {}, sources[s.timeSource] || s.timeSource)))));
  const period = `${formatDay(report.from)} – ${formatDay(report.to)}`;
  const backdrop = el('div', { class: 'dialog-backdrop' },
    el('div', { class: 'dialog dialog-wide', id: 'whatif-result', role: 'dialog' },
      el('h2', {}, 'Kết quả mô phỏng'),
      el('p', {}, report.arrivalSource === 'history'
        ? `Hồ sơ đã tiếp nhận ${period}${report.truncated ? ` (chỉ ${current.dossiers} hồ sơ gần nhất)` : ''}, hạt giống ${report.seed}.`
        : `Không có hồ sơ cũ trong ${period}: hồ sơ giả định theo số hồ sơ mỗi ngày đã cho, hạt giống ${report.seed}.`),
      summary,
      el('h3', {}, 'Nơi hồ sơ phải chờ — bản đang sửa'), steps(candidate, 'whatif-candidate-steps'),
      el('h3', {}, `Nơi hồ sơ phải chờ — đang ban hành (v${current.version})`), steps(current, 'whatif-current-steps'),
      el('div', { class: 'dialog-buttons' }, el('button', { type: 'button', class: 'primary', id: 'whatif-close', onclick: () => backdrop.remove() }, 'Đóng'))));
  backdrop.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      backdrop.remove();
    }
  });
  document.body.append(backdrop);
  backdrop.querySelector('#whatif-close').focus();
}

function formatDay(isoDate) {
  const [ year, month, day ] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}
