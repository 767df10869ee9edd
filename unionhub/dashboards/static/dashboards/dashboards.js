// Big screen (数据驾驶舱): the clock in the header. The panel itself is refreshed by htmx
// polling and its charts drawn by unionhub.js from json_script (no inline script: CSP).
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var el = document.querySelector("[data-cockpit-clock]");
    if (!el) return;
    var d = new Date();
    el.textContent = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); });
})();
