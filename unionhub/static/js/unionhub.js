// UnionHub page behaviour. No inline scripts: the CSP allows only files from this site.
(function () {
  "use strict";

  // ECharts: <div class="chart" data-chart="id-of-json-script"></div> with the options in
  // {{ options|json_script:"id-of-json-script" }}. Clicking a bar/slice follows data[i].url.
  function renderCharts(root) {
    if (typeof window.echarts === "undefined") return;
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source || el.dataset.rendered) return;
      var options = JSON.parse(source.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(options);
      chart.on("click", function (params) {
        var url = params.data && params.data.url;
        if (url) window.location.href = url;
      });
      el.dataset.rendered = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Auto-refresh: <div data-refresh-seconds="30" hx-get="..." ...> is handled by htmx
  // triggers; pages without htmx can use data-reload-seconds on <body>.
  function scheduleReload() {
    var s = parseInt(document.body.dataset.reloadSeconds || "0", 10);
    if (s > 0) setTimeout(function () { window.location.reload(); }, s * 1000);
  }

  // Bulk actions on lists: the page checkbox ticks every row; the count follows the ticks;
  // "all records matching the filter" overrides the ticks. Delegated, so it survives htmx swaps.
  function bulkCount(form) {
    var label = form.querySelector("[data-bulk-count]");
    if (!label) return;
    var ticked = form.querySelectorAll("[data-bulk-row]:checked").length;
    var all = form.querySelector("[data-bulk-all]");
    label.textContent = all && all.checked ? "" : label.dataset.format.replace("{n}", ticked);
  }
  function bulkCounts(root) {
    (root || document).querySelectorAll("[data-bulk-form]").forEach(bulkCount);
  }
  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest("[data-bulk-form]");
    if (!form) return;
    if (e.target.matches("[data-bulk-page]")) {
      form.querySelectorAll("[data-bulk-row]").forEach(function (box) { box.checked = e.target.checked; });
    }
    bulkCount(form);
  });

  // <select data-submit-on-change>: choosing an option submits its form (the CSP refuses
  // inline onchange handlers).
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("select[data-submit-on-change]") && e.target.form) {
      e.target.form.submit();
    }
  });

  // Top-bar counts (to-do, unread messages): <span data-lazy-badge="url"> is replaced by the
  // fragment at that URL once the page is there, so the page itself runs no count query.
  function loadBadges() {
    if (typeof window.htmx === "undefined") return;
    document.querySelectorAll("[data-lazy-badge]").forEach(function (el) {
      window.htmx.ajax("GET", el.dataset.lazyBadge, { target: el, swap: "outerHTML" });
    });
  }

  // Values from data that would otherwise be inline styles (the CSP allows none):
  // data-bg="#d63939" (a warning level's colour), data-width="40" (a progress bar, in %).
  function applyDataStyles(root) {
    (root || document).querySelectorAll("[data-bg]").forEach(function (el) {
      el.style.background = el.dataset.bg;
    });
    (root || document).querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, parseFloat(el.dataset.width) || 0)) + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    applyDataStyles(); renderCharts(); scheduleReload(); bulkCounts(); loadBadges();
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    applyDataStyles(e.target); renderCharts(e.target); bulkCounts(e.target.parentNode || document);
  });
})();
