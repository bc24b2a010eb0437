// The reception desk's as-you-type check of the identity number. The server answers with the same
// rule reception applies (DeskApi); without this script the check still happens on submit.
const input = document.querySelector('input[data-check]');
if (input) {
  const message = document.getElementById(input.getAttribute('aria-describedby'));
  let asked = 0;
  const show = (error) => {
    message.textContent = error ?? '';
    if (error) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  const check = async () => {
    const value = input.value.trim();
    const mine = ++asked;
    if (value.length === 0) { show(null); return; }
    const response = await fetch(`${input.dataset.check}?so=${encodeURIComponent(value)}`, { headers: { accept: 'application/json' } });
    // A later keystroke has asked again: its answer is the one to show.
    if (response.ok && mine === asked) show((await response.json()).error);
  };
  // While typing, only a complete number is checked; leaving the field checks whatever is there.
  input.addEventListener('input', () => { if (input.value.trim().length >= 12) check(); else if (input.getAttribute('aria-invalid')) show(null); });
  input.addEventListener('change', check);
}
