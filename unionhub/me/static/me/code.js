// Member code auto-refresh (/me/): the signed QR expires after the member-code lifetime, so
// the image is fetched again shortly before that and a countdown shows when.
// <img data-me-code data-src="/me/code.svg" data-refresh="540"> and
// <span data-me-code-countdown>.
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function start(img) {
    var every = parseInt(img.dataset.refresh, 10) || 540;
    var due = Date.now() + every * 1000;
    var counters = document.querySelectorAll("[data-me-code-countdown]");
    function refresh() {
      img.src = img.dataset.src + "?t=" + Date.now();
      due = Date.now() + every * 1000;
    }
    function tick() {
      if (Date.now() >= due) { refresh(); }
      var left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
      counters.forEach(function (el) {
        el.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
      });
    }
    // A phone that slept past the deadline shows a fresh code as soon as it wakes.
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && Date.now() >= due) { refresh(); tick(); }
    });
    img.addEventListener("load", function () { img.dataset.loadedAt = String(Date.now()); });
    tick();
    setInterval(tick, 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("img[data-me-code]").forEach(start);
  });
})();
