// Together's service worker: when a story is sent without a connection, it is kept on this device (IndexedDB)
// and the person sees a page saying so; app.js sends it when the connection returns. The "kept" page comes from the
// cache, and so do the script and style sheet it needs (network first, the cached copy only without a connection):
// without app.js on that page nothing would send the story when the connection returns. Nothing else is intercepted.
'use strict';

var DB = 'together', STORE = 'queue', CACHE = 'together-v2', QUEUED_PAGE = '/share/queued';
var ASSETS = ['/assets/app.js', '/assets/site.css'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll([QUEUED_PAGE].concat(ASSETS)); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
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
  if (request.method === 'GET' && url.origin === self.location.origin && ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var fresh = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(url.pathname, fresh); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (cached) { return cached || Response.error(); });
    }));
    return;
  }

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
