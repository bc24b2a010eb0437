// Keeps an open inbox current without a reload. Every few seconds it asks the server for the stamp
// of the rows this view shows (InboxLive: one query, a few bytes); when the stamp differs — a task
// arrived, a colleague took one, one was completed — it fetches the same page again and swaps the
// parts marked data-live, keeping the officer's ticks and focus. A hidden tab does not ask.
const grid = document.getElementById('inbox-grid');
if (grid) {
  const status = document.getElementById('inbox-live-status');
  const interval = Number(grid.dataset.interval) || 10000;
  let stamp = grid.dataset.stamp;
  let busy = false;
  let submitting = false;
  document.addEventListener('submit', () => { submitting = true; });

  const swap = (html) => {
    const next = new DOMParser().parseFromString(html, 'text/html');
    const ticked = new Set([...document.querySelectorAll('#inbox-grid input[type=checkbox]:checked')].map(c => c.value));
    const focused = document.activeElement;
    const focusKey = focused && focused.closest('[data-live]') ? `${focused.tagName}[name="${focused.name}"][value="${focused.value}"]` : null;
    for (const part of document.querySelectorAll('[data-live]')) {
      const fresh = next.getElementById(part.id);
      if (!fresh) continue;
      part.innerHTML = fresh.innerHTML;
      if (fresh.dataset.stamp) part.dataset.stamp = fresh.dataset.stamp;
    }
    for (const box of document.querySelectorAll('#inbox-grid input[type=checkbox]')) {
      if (ticked.has(box.value)) box.checked = true;
    }
    if (focusKey) document.querySelector(focusKey)?.focus();
    return document.getElementById('inbox-grid').dataset.stamp;
  };

  const ask = async () => {
    if (busy || submitting || document.hidden) return;
    busy = true;
    try {
      const response = await fetch(`${grid.dataset.stampUrl}${location.search}`, { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const now = (await response.json()).value;
      if (now === stamp) return;
      const page = await fetch(location.pathname + location.search, { headers: { accept: 'text/html' } });
      if (!page.ok || submitting) return;
      stamp = swap(await page.text());
      if (status) status.textContent = 'Hộp công việc vừa được cập nhật.';
    } catch {
      // Offline or the server restarting: the next ask tries again.
    } finally {
      busy = false;
    }
  };

  setInterval(ask, interval);
}
