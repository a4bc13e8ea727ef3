// Together: enhancements only. Every page works without this file.
// 1. Registers the service worker that keeps a story written offline on the device (sw.js).
// 2. Sends a kept story when the connection returns and shows the answer (the receipt) in place.
// 3. A "copy" button for the receipt.
(function () {
  'use strict';

  var DB = 'together', STORE = 'queue';

  function openQueue() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function queued() {
    return openQueue().then(function (db) {
      return new Promise(function (resolve, reject) {
        var all = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
        all.onsuccess = function () { resolve(all.result); };
        all.onerror = function () { reject(all.error); };
      });
    });
  }

  function forget(id) {
    return openQueue().then(function (db) {
      return new Promise(function (resolve) {
        var tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).delete(id);
        tx.oncomplete = resolve;
        tx.onerror = resolve;
      });
    });
  }

  function notice(kind) {
    var box = document.getElementById('queue-notice');
    if (box) { box.textContent = kind ? box.getAttribute('data-' + kind) : ''; }
  }

  function showAnswer(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    var main = page.getElementById('main');
    if (!main) { return; }
    document.title = page.title;
    document.getElementById('main').replaceChildren.apply(document.getElementById('main'), Array.prototype.slice.call(main.childNodes).map(function (n) { return document.importNode(n, true); }));
    enhanceCopy();
    var heading = document.querySelector('#main h1');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  }

  var sending = false, again = false;
  function sendKept() {
    if (!('indexedDB' in window)) { return; }
    // A call while a pass runs (the connection returned while the queue was being read) runs once more after it.
    if (sending) { again = true; return; }
    sending = true;
    queued().then(function (items) {
      if (!items.length) { notice(null); return; }
      if (!navigator.onLine) { notice('waiting'); return; }
      notice('sending');
      // One at a time, oldest first; each carries its own Idempotency-Key, so a resend never makes a second story.
      return items.reduce(function (previous, item) {
        return previous.then(function () {
          return fetch(item.url, {
            method: 'POST', body: item.body, credentials: 'same-origin',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
          }).then(function (response) {
            if (response.status === 429 || response.status >= 500) { throw new Error('not now'); }
            return response.text().then(function (html) { return forget(item.id).then(function () { showAnswer(html); }); });
          });
        });
      }, Promise.resolve()).then(function () { notice(null); });
    }).catch(function () { notice('failed'); retryLater(); }).then(function () {
      sending = false;
      if (again) { again = false; sendKept(); }
    });
  }

  // A send that failed (the connection came back half-way, the server was busy) is tried again a little later,
  // besides the 'online' event, a page load and the page becoming visible again.
  var retry = null;
  function retryLater() {
    if (retry === null) { retry = setTimeout(function () { retry = null; sendKept(); }, 5000); }
  }

  function enhanceCopy() {
    var button = document.getElementById('copy-receipt');
    if (!button || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.getAttribute('data-text')).then(function () {
        var status = document.getElementById('copy-status');
        if (status) { status.textContent = button.getAttribute('data-copied'); }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhanceCopy();
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () { /* the site works without it */ });
    }
    sendKept();
  });
  window.addEventListener('online', sendKept);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') { sendKept(); } });
})();
