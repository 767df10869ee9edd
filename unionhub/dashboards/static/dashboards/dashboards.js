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

// The hall's screen runs for days: should a refresh come back from another page (the session
// ended, so the server redirected to the login page), do not paste that page into the panel —
// reload the whole screen, which shows the login page in full.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var panel = document.getElementById("cockpit-panel");
    if (!panel || evt.detail.target !== panel) return;
    var url = evt.detail.xhr && evt.detail.xhr.responseURL;
    var wanted = panel.getAttribute("hx-get");
    if (url && wanted && new URL(url, window.location.href).pathname !== wanted) {
      evt.detail.shouldSwap = false;
      window.location.reload();
    }
  });
})();
