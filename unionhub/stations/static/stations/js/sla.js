// SLA clock: <span class="sla-clock" data-deadline="ISO" data-overdue="已超时"> counts down
// every second and shows the overdue time once the deadline has passed.
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function fmt(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s % 60);
  }
  function tick() {
    document.querySelectorAll(".sla-clock[data-deadline]").forEach(function (el) {
      var left = new Date(el.dataset.deadline).getTime() - Date.now();
      if (left >= 0) { el.textContent = fmt(left); el.classList.remove("overdue"); }
      else { el.textContent = (el.dataset.overdue || "overdue") + " " + fmt(left); el.classList.add("overdue"); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); });
})();
