// Scan upload for the papers of a received dossier (Features/Desk/PaperScans.razor) and for the
// desk's checklist before reception (PaperChecklist.razor): each paper's row takes files by its
// file input (a scanner's output) or by drag-and-drop, and sends each one to the row's
// data-upload address — the papers API (POST /api/v1/dossiers/{code}/papers/{paperId}) or the desk
// session's pending scans (POST /tiep-nhan/ban-chup/{session}/{procedure}/{paperId}) — which checks
// and stores it. What the server answers is shown in the row: the stored file with its SHA-256, or
// its refusal as worded. A pending scan (data-remove) can be taken back before reception.

const sizeText = bytes => bytes >= 1024 * 1024
  ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
  : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

function fileItem(file, downloadBase) {
  const item = document.createElement('li');
  item.dataset.file = file.fileId;
  let name = Object.assign(document.createElement('span'), { textContent: file.fileName });
  if (downloadBase) {
    name = Object.assign(document.createElement('a'), { href: `${downloadBase}/${encodeURIComponent(file.fileId)}`, textContent: file.fileName });
    name.setAttribute('data-enhance-nav', 'false');
  }
  const hash = Object.assign(document.createElement('code'), { className: 'bpm-sha', textContent: file.sha256 });
  item.append(name, ` (${sizeText(file.size)}, vừa tải lên) SHA-256 `, hash);
  return item;
}

// A pending scan's "Bỏ" button: the server deletes it (only the officer's own, only while pending).
function removable(row, item, say) {
  const name = item.firstChild.textContent.trim();
  const button = Object.assign(document.createElement('button'), { type: 'button', className: 'bpm-button bpm-scan-remove', textContent: 'Bỏ' });
  button.setAttribute('aria-label', `Bỏ bản chụp ${name}`);
  button.addEventListener('click', async () => {
    const response = await fetch(`${row.dataset.remove}/${encodeURIComponent(item.dataset.file)}`, { method: 'DELETE', headers: { Accept: 'application/json' } }).catch(() => null);
    if (response && (response.ok || response.status === 404)) {
      item.remove();
      say(`Đã bỏ bản chụp '${name}'.`, false);
    } else {
      say(`Không bỏ được bản chụp '${name}'; hãy thử lại.`, true);
    }
  });
  item.append(' ', button);
}

function sayer(row) {
  const status = row.querySelector('.bpm-scan-status');
  return (text, failed) => {
    status.textContent = text;
    status.classList.toggle('bpm-scan-refused', failed);
    status.setAttribute('role', failed ? 'alert' : 'status');
  };
}

async function send(row, file, maxBytes, maxText) {
  const say = sayer(row);
  // The API refuses a file over the limit before reading it; checked here first so that the
  // browser does not send megabytes only to have the connection closed on them.
  if (file.size > maxBytes) {
    say(`Không nhận tệp '${file.name}': ${sizeText(file.size)}, lớn hơn giới hạn ${maxText} mỗi tệp. Không có tệp nào được lưu.`, true);
    return;
  }
  say(`Đang tải lên '${file.name}'…`, false);
  let response;
  try {
    response = await fetch(`${row.dataset.upload}?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
    });
  } catch (error) {
    say(`Không gửi được tệp '${file.name}' (${error.message}); hãy thử lại.`, true);
    return;
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const reason = answer.errors?.file?.join(' ') ?? answer.detail ?? answer.title ?? `máy chủ trả lời ${response.status}`;
    // The API's refusal names the file and the rule already.
    say(`Không nhận: ${reason}${/lưu\.$/.test(reason) ? '' : ' Không có tệp nào được lưu.'}`, true);
    return;
  }
  const item = fileItem(answer, row.dataset.download);
  row.querySelector('.bpm-scan-files').append(item);
  if (row.dataset.remove) removable(row, item, say);
  say(`Đã lưu '${answer.fileName}' (${sizeText(answer.size)}), SHA-256 ${answer.sha256}.`, false);
}

export function mount(section) {
  const maxBytes = Number(section.dataset.maxBytes);
  const maxText = section.dataset.maxText;
  const rows = [ ...section.querySelectorAll('[data-upload]') ];
  for (const row of rows) {
    const drop = row.querySelector('.bpm-drop');
    const input = drop.querySelector('input[type=file]');
    const sendAll = async files => {
      for (const file of files) await send(row, file, maxBytes, maxText);
    };
    drop.hidden = false;
    if (row.dataset.remove) {
      for (const item of row.querySelectorAll('.bpm-scan-files li[data-file]')) removable(row, item, sayer(row));
    }
    input.addEventListener('change', async () => {
      await sendAll([ ...input.files ]);
      input.value = '';
    });
    drop.addEventListener('dragover', event => {
      event.preventDefault();
      drop.classList.add('bpm-drop-over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('bpm-drop-over'));
    drop.addEventListener('drop', event => {
      event.preventDefault();
      drop.classList.remove('bpm-drop-over');
      sendAll([ ...event.dataTransfer.files ]);
    });
  }
  return { isAlive: () => rows.length > 0 && rows[0].isConnected && !rows[0].querySelector('.bpm-drop').hidden };
}
