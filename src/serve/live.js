// adrsite serve: live reload and the error overlay. Injected only by `adrsite serve`.
(() => {
  const KEY = 'adrsite-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    addEventListener('load', () => scrollTo(0, Number(saved)));
  }
  // The generation this page was reloaded for: a rebuild that lands before the event stream
  // reconnects must still reload it.
  const GEN = 'adrsite-generation';
  const expected = sessionStorage.getItem(GEN);
  sessionStorage.removeItem(GEN);
  let seen = expected === null ? null : Number(expected);
  let overlay = null;
  function show(errors) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'adrsite-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99999;' +
        'background:#2d1215;color:#ffdcd7;border:2px solid #f85149;border-radius:8px;padding:1rem 1.25rem;' +
        'font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)';
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement('strong');
    title.textContent = 'adrsite: the last save broke the build; this page shows the last good one.';
    overlay.append(title);
    for (const e of errors) {
      const item = document.createElement('pre');
      // Explicit colours: the site's own `pre` style must not make the message unreadable.
      item.style.cssText = 'white-space:pre-wrap;margin:.75rem 0 0;padding:0;border:0;background:transparent;color:#ffdcd7;font:inherit';
      item.textContent = `${e.location}: ${e.severity}[${e.code}]: ${e.message}` + (e.help ? `\n  = help: ${e.help}` : '');
      overlay.append(item);
    }
  }
  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  const events = new EventSource('/__adrsite/events');
  events.addEventListener('status', (message) => {
    const status = JSON.parse(message.data);
    if (status.errors.length > 0) {
      show(status.errors);
      return;
    }
    hide();
    if (seen !== null && status.generation !== seen) {
      sessionStorage.setItem(KEY, String(scrollY));
      sessionStorage.setItem(GEN, String(status.generation));
      location.reload();
      return;
    }
    seen = status.generation;
  });
})();
