// The engine reports in English (docs and logs); the designer shows its most frequent findings
// in Vietnamese and falls back to the engine's text for the rest.
const TABLE = [
  [ /^<([\w:]+)> is not supported(?: by the engine)?$/, m => `Phần tử <${m[1]}> không được hỗ trợ` ],
  [ /^<([\w:]+)> is not supported; Bpm runs processes only$/, m => `Phần tử <${m[1]}> không được hỗ trợ; Bpm chỉ chạy quy trình (process)` ],
  [ /^(\w+) (boundary|catch|throw|end) events are not supported$/, m => `Sự kiện ${EVENT[m[2]]} loại ${m[1]} không được hỗ trợ` ],
  [ /^start events with a (\w+) trigger are not supported; use a none start event$/, m => `Sự kiện bắt đầu loại ${m[1]} không được hỗ trợ; hãy dùng sự kiện bắt đầu không kích hoạt` ],
  [ /^(multi-instance|loop) activities are not supported$/, m => (m[1] === 'loop' ? 'Hoạt động lặp' : 'Hoạt động đa thể hiện') + ' không được hỗ trợ' ],
  [ /^event sub-processes are not supported$/, () => 'Quy trình con sự kiện không được hỗ trợ' ],
  [ /^compensation handlers are not supported$/, () => 'Xử lý bù (compensation) không được hỗ trợ' ],
  [ /^events with several or referenced event definitions are not supported$/, () => 'Sự kiện có nhiều định nghĩa hoặc định nghĩa tham chiếu không được hỗ trợ' ],
  [ /^cannot be reached from the start event$/, () => 'Không thể đi tới bước này từ sự kiện bắt đầu' ],
  [ /^user task has no bpm:unit or bpm:role; its task will not reach a unit's inbox$/, () => 'Nhiệm vụ người dùng chưa có đơn vị (bpm:unit) hoặc vai trò (bpm:role); công việc sẽ không đến hộp việc của đơn vị nào' ],
  [ /^the time allowances on the longest path add up to (.+), more than the legal time limit bpm:timeLimit (\S+) \((.+)\)$/,
    m => `Tổng thời gian cho phép trên đường dài nhất (${hours(m[1])}) vượt thời hạn giải quyết bpm:timeLimit ${m[2]} (${hours(m[3])})` ],
  [ /^a start event cannot have incoming flows$/, () => 'Sự kiện bắt đầu không được có luồng vào' ],
  [ /^an end event cannot have outgoing flows$/, () => 'Sự kiện kết thúc không được có luồng ra' ],
  [ /^a gateway needs at least one outgoing flow$/, () => 'Cổng cần ít nhất một luồng ra' ],
  [ /^a timer needs exactly one of timeDate, timeDuration or timeCycle$/, () => 'Bộ hẹn giờ cần đúng một trong timeDate, timeDuration hoặc timeCycle' ],
  [ /^fee step has no bpm:feeItems$/, () => 'Bước thu phí chưa có danh mục phí (bpm:feeItems)' ],
  [ /^(\w+) step has no bpm:template$/, m => `Bước ${m[1]} chưa có mẫu (bpm:template)` ],
  [ /^(sub-process|process) '([^']+)' has no none start event$/, m => `${m[1] === 'process' ? 'Quy trình' : 'Quy trình con'} '${m[2]}' không có sự kiện bắt đầu không kích hoạt (none start event)` ],
  [ /^a message wait needs a messageRef naming the <message> it waits for$/, () => 'Bước chờ thông điệp cần messageRef chỉ tới <message> được chờ' ],
  [ /^<(\w+)> is not supported by the engine$/, m => `Phần tử <${m[1]}> không được engine hỗ trợ` ],
  [ /^the document has no <process>$/, () => 'Tài liệu không có <process>' ],
  [ /^a path loops through (.+) without a wait state, so it would run forever$/, m => `Có vòng lặp qua ${m[1]} mà không có bước chờ, sẽ chạy mãi không dừng` ],
  [ /^flow out of (\w+) '([^']+)' has no condition and is not the default flow; it counts as always true, in document order$/,
    m => `Luồng ra từ ${m[1]} '${m[2]}' không có điều kiện và không phải luồng mặc định; luôn được coi là đúng` ],
];

const hours = text => text.replace(/working days/g, 'ngày làm việc').replace(/(\d) h\)/g, '$1 giờ)').replace(/(\d)\.(\d)/g, '$1,$2');

const EVENT = { boundary: 'biên', catch: 'bắt trung gian', throw: 'phát trung gian', end: 'kết thúc' };

export function engineMessage(message) {
  for (const [ pattern, render ] of TABLE) {
    const m = pattern.exec(message || '');
    if (m) {
      return render(m);
    }
  }
  return message;
}

/** Findings about elements the engine cannot run, listed apart after an import. */
export function isUnsupported(message) {
  return /not supported/.test(message || '');
}
