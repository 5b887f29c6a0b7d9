/* Keyway portal: progressive enhancement only; every page works without it. */
(function () {
  'use strict';
  var d = document, w = window;
  d.documentElement.classList.add('js'); // the script ran: a hook for styles and the browser test


  var framed = w.parent !== w;

  // The app's page origin this portal reports to (a popup's opener or the iframe's parent), as the
  // server checked it: on result pages, in the link that opened the page, or in a form's hidden field.
  function appOrigin() {
    var m = d.querySelector('[data-post-origin]'), f = d.querySelector('input[name=origin]');
    return (m && m.getAttribute('data-post-origin')) || new URLSearchParams(location.search).get('origin')
      || (f && f.value) || null;
  }

  // Heartbeat: an SDK whose popup handle a Cross-Origin-Opener-Policy cut off sees the popup as
  // closed; the session's activity tells it the user is still here.
  // A popup (opened for an app's origin, not framed) without an opener was cut off: it says so.
  var session = d.body && d.body.getAttribute('data-session');
  var cutOff = !framed && !w.opener && !!appOrigin();
  var auto = d.querySelector('form[data-auto-submit]');
  if (session && w.fetch) {
    var beat = function () {
      return fetch('/v1/connect/session/activity', { method: 'POST', keepalive: true, credentials: 'omit',
        cache: 'no-store', headers: { Authorization: 'Bearer ' + session, 'Content-Type': 'application/json' },
        body: JSON.stringify({ cutOff: cutOff }) }).catch(function () { /* the next beat tries again */ });
    };
    var first = beat();
    setInterval(beat, 5000);
    // On its way to the provider: once the session knows whether the app's page can see this popup.
    if (auto) first.then(function () { auto.submit(); });
  } else if (auto) {
    auto.submit();
  }

  // In the SDK's modal, Escape closes it (the dialog around the iframe cannot hear keys typed in here).
  if (framed) {
    d.addEventListener('keydown', function (e) {
      var o = appOrigin();
      if (e.key !== 'Escape' || !o || o === '*') return;
      try { w.parent.postMessage({ type: 'keyway:close' }, o); } catch (x) { /* ignore */ }
    });
  }

  // Providers refuse to show sign-in pages in a frame: from the modal, OAuth continues in a popup
  // (the server already made such forms target a new window). The app's page learns the result from
  // the session, so this form stays usable for another try.
  d.addEventListener('submit', function (e) {
    var f = e.target;
    if (!f.hasAttribute('data-new-window')) return;
    var p = w.open('about:blank', 'keyway-provider', 'popup,width=500,height=700');
    if (p) f.target = 'keyway-provider';
  }, true);

  // One submission per form: a double click must not create two linked accounts.
  d.addEventListener('submit', function (e) {
    var f = e.target, b = f.querySelector('button[type=submit]');
    if (f.hasAttribute('data-new-window')) return;
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
