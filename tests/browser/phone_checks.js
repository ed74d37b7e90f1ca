// The measurements of tests/browser/phone_checks.py, run in the page (one function, no globals).
() => {
  const root = document.documentElement;
  const main = document.querySelector('main') || document.body;
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    return el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
      + ' "' + text.slice(0, 50) + '"';
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  // Screen-reader-only texts (a 1 px clipped box) and closed details are not shown: not measured.
  const srOnly = (el) => { const r = el.getBoundingClientRect(); return r.width <= 1 && r.height <= 1; };
  const hiddenHelper = (el) => !!el.closest('.visually-hidden, .skip-link, [hidden], details:not([open]) > :not(summary)')
    || srOnly(el) || (el.parentElement && srOnly(el.parentElement));
  const cut = [];
  for (const el of main.querySelectorAll('*')) {
    if (hiddenHelper(el) || !visible(el)) continue;
    const s = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY)
      || s.textOverflow === 'ellipsis';
    if (!hides || !(el.innerText || '').trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) cut.push(describe(el));
  }
  const small = [];
  for (const el of main.querySelectorAll('a[href], button, input[type=submit], summary, select')) {
    if (hiddenHelper(el) || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    const parent = el.parentElement;
    const inSentence = el.tagName === 'A' && parent && ['P', 'LI', 'TD', 'DD', 'SPAN'].includes(parent.tagName)
      && (parent.innerText || '').trim().length > (el.innerText || '').trim().length + 15
      && getComputedStyle(el).display === 'inline';
    if (inSentence) continue;
    if (r.height < __MIN__ - 0.5 || r.width < __MIN__ - 0.5) small.push(describe(el) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
  }
  // The main action: the one a page marks (data-main-action), else its first primary button. A submit
  // button that ends a form with fields counts from the form's start (the person starts it there).
  const candidates = [...main.querySelectorAll('[data-main-action], .button:not(.button-secondary), button[type=submit]:not(.link-button):not(.button-secondary)')]
    .filter((el) => visible(el) && !hiddenHelper(el));
  const primary = candidates.find((el) => el.hasAttribute('data-main-action')) || candidates[0];
  let mainAction = null;
  if (primary) {
    const form = primary.type === 'submit' ? primary.closest('form') : null;
    const start = form && form.querySelector('input:not([type=hidden]), select, textarea') ? form : primary;
    mainAction = {label: describe(primary), top: start.getBoundingClientRect().top + window.scrollY,
                  bottom: primary.getBoundingClientRect().bottom + window.scrollY, isForm: start !== primary};
  }
  // What sticks out furthest to the right, to name it when the page scrolls sideways.
  let widest = '';
  let right = root.clientWidth + 1;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > right && visible(el)) { right = r.right; widest = describe(el); }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest, cut, small, mainAction,
          viewportHeight: window.innerHeight};
}
