// The few interactive islands of statically rendered pages. Blazor's enhanced navigation does not
// run the scripts that arrive with a page, so every island names its module in data-island and is
// mounted from here, once after a full load and again after every enhanced one.
const mounted = new WeakMap();

function showFailure(element, error) {
  const text = `Phần này không hoạt động được trên trình duyệt này (${error?.message ?? error}).`;
  const message = element.querySelector('[data-island-message]');
  if (message) {
    message.textContent = text;
    return;
  }
  const alert = Object.assign(document.createElement('p'), { className: 'bpm-island-error', textContent: text });
  alert.setAttribute('role', 'alert');
  element.prepend(alert);
}

async function mountAll() {
  for (const element of document.querySelectorAll('[data-island]')) {
    // An enhanced navigation that re-renders the same page may keep the element: mount again only
    // when what the island drew is gone.
    if (mounted.get(element)?.isAlive()) continue;
    try {
      const island = await import(element.dataset.island);
      mounted.set(element, await island.mount(element));
    } catch (error) {
      showFailure(element, error);
    }
  }
}

mountAll();
window.Blazor?.addEventListener?.('enhancedload', mountAll);
