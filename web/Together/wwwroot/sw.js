// Together's service worker: when a story is sent without a connection, it is kept on this device (IndexedDB)
// and the person sees a page saying so; app.js sends it when the connection returns. Nothing else is intercepted.
'use strict';

var DB = 'together', STORE = 'queue', CACHE = 'together-v1', QUEUED_PAGE = '/share/queued';

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll([QUEUED_PAGE]); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

function keep(body) {
  return new Promise(function (resolve, reject) {
    var request = indexedDB.open(DB, 1);
    request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true }); };
    request.onerror = function () { reject(request.error); };
    request.onsuccess = function () {
      var tx = request.result.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).add({ url: '/share', body: body, keptAt: Date.now() });
      tx.oncomplete = resolve;
      tx.onerror = function () { reject(tx.error); };
    };
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'POST' || request.mode !== 'navigate' || url.origin !== self.location.origin || url.pathname !== '/share' || url.search) {
    return;
  }

  var copy = request.clone();
  event.respondWith(fetch(request).catch(function () {
    return copy.text().then(keep).then(function () {
      return caches.match(QUEUED_PAGE).then(function (page) {
        return page || new Response('', { status: 503 });
      });
    });
  }));
});
