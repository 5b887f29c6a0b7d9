/* Keyway portal: progressive enhancement only; every page works without it. */
(function () {
  'use strict';
  var d = document, w = window;
  d.documentElement.classList.add('js'); // the script ran: a hook for styles and the browser test


  // One submission per form: a double click must not create two linked accounts.
  d.addEventListener('submit', function (e) {
    var f = e.target, b = f.querySelector('button[type=submit]');
    if (f.hasAttribute('data-busy')) { e.preventDefault(); return; }
    f.setAttribute('data-busy', '');
    if (!b) return;
    b.disabled = true;
    b.classList.add('is-busy');
    b.setAttribute('aria-busy', 'true');
    var l = b.querySelector('.button-label'), t = f.getAttribute('data-submitting');
    if (l && t) { b.setAttribute('data-label', l.textContent); l.textContent = t; }
  });

  // The back/forward cache restores a page as it was left: make its forms usable again.
  w.addEventListener('pageshow', function (e) {
    if (!e.persisted) return;
    d.querySelectorAll('form[data-busy]').forEach(function (f) {
      f.removeAttribute('data-busy');
      var b = f.querySelector('button[type=submit]'), l = b && b.querySelector('.button-label');
      if (!b) return;
      b.disabled = false;
      b.classList.remove('is-busy');
      b.removeAttribute('aria-busy');
      if (l && b.hasAttribute('data-label')) l.textContent = b.getAttribute('data-label');
    });
  });

  // Popup or iframe flow: hand the result to the app's page, at its exact origin only.
  var m = d.querySelector('[data-post-origin]');
  if (!m) return;
  var origin = m.getAttribute('data-post-origin'), data = m.getAttribute('data-post-message');
  try { data = JSON.parse(data); } catch (x) { /* post the text as it is */ }
  if (!origin || origin === '*') return;
  var framed = w.parent !== w;
  var popup = w.opener && !w.opener.closed ? w.opener : null;
  var target = popup || (framed ? w.parent : null);
  if (target) {
    try { target.postMessage(data, origin); } catch (x) { /* the app reads the session's result instead */ }
  }
  // In an iframe, "Return" asks the app's page to close the modal rather than load the app inside it.
  d.querySelectorAll('[data-close]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      if (framed && !popup) { try { w.parent.postMessage({ type: 'keyway:close' }, origin); } catch (x) { /* ignore */ } }
      else { w.close(); }
    });
  });
  if (framed && !popup) return;
  // A popup whose opener was cut off (COOP) still closes: the app picks the result up from the session.
  if (m.hasAttribute('data-autoclose')) {
    var h = d.querySelector('[data-close-hint]');
    if (h) h.textContent = 'This window will close automatically.';
    setTimeout(function () { w.close(); }, 1500);
  }
})();
