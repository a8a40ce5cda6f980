// The console's only script: progressive enhancement over pages that work without it. It polls
// live fragments (progress of a sending campaign: API Gateway buffers responses, so no stream),
// refreshes previews while an agent types (and the X count next to X's text), copies an X post's text, turns a selection into a passage to retire (moderation),
// and asks before irreversible actions. Served as a file
// from our own origin, so the Content Security Policy needs no 'unsafe-inline'.
export const script = String.raw`
(() => {
  'use strict';
  const FRAGMENT = { 'X-Console-Fragment': '1' };
  const expired = (response) => {
    // The session ended: a full reload goes through sign-in and comes back here.
    if (response.status === 401) { window.location.reload(); return true; }
    return false;
  };
  for (const region of document.querySelectorAll('[data-poll]')) {
    const every = Number(region.getAttribute('data-every')) || 2000;
    let busy = false;
    const timer = setInterval(async () => {
      if (busy || document.hidden) return;
      busy = true;
      try {
        const response = await fetch(region.getAttribute('data-poll'), { headers: FRAGMENT, credentials: 'same-origin' });
        if (expired(response)) return;
        if (response.ok) {
          region.innerHTML = await response.text();
          if (region.querySelector('[data-poll-final]')) clearInterval(timer);
        }
      } catch { /* offline for a moment: the next tick tries again */ }
      finally { busy = false; }
    }, every);
  }
  // The X post's weighted count, as the server's preview (twitter-text) says it, shown next to X's text too.
  const mirrorXCount = (form, region) => {
    const mirror = form.querySelector('[data-x-count-mirror]');
    if (!mirror) return;
    const count = region.querySelector('[data-x-count]');
    mirror.hidden = !count;
    mirror.textContent = count ? 'Publication X : ' + count.textContent.replace(/\s+/g, ' ').trim() : '';
  };
  // « Copier »: the text is in a read-only textarea (select and copy by hand without script); with it, one click.
  for (const button of document.querySelectorAll('[data-copy]')) {
    const source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(source.value);
        button.textContent = 'Copié';
      } catch {
        source.select();
      }
    });
  }
  for (const form of document.querySelectorAll('form[data-live]')) {
    const target = document.getElementById(form.getAttribute('data-live-target'));
    if (!target) continue;
    let pending;
    let sequence = 0;
    const refresh = async () => {
      const mine = ++sequence;
      try {
        const response = await fetch(form.getAttribute('data-live'), {
          method: 'POST',
          headers: { ...FRAGMENT, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(new FormData(form)),
          credentials: 'same-origin',
        });
        if (expired(response)) return;
        if (response.ok && mine === sequence) {
          target.innerHTML = await response.text();
          mirrorXCount(form, target);
        }
      } catch { /* keep the last preview */ }
    };
    const later = () => { clearTimeout(pending); pending = setTimeout(refresh, 350); };
    form.addEventListener('input', later);
    form.addEventListener('change', later);
  }
  // Moderation: a passage selected in the masked text is added to the passages to retire.
  for (const source of document.querySelectorAll('[data-redact-into]')) {
    const field = document.getElementById(source.getAttribute('data-redact-into'));
    if (!field) continue;
    const take = () => {
      const selection = window.getSelection();
      const passage = selection ? String(selection).trim() : '';
      if (!passage || !source.contains(selection.anchorNode) || !source.contains(selection.focusNode)) return;
      const lines = field.value.split('\n').map((line) => line.trim()).filter(Boolean);
      if (lines.includes(passage)) return;
      field.value = [...lines, passage].join('\n');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    source.addEventListener('mouseup', take);
    source.addEventListener('keyup', take);
  }
  document.addEventListener('submit', (event) => {
    const button = event.submitter;
    const question = button && button.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
})();
`;
