// Lists: the tree beside a list (core/orgtree.py) and the export link following the filter.
// No inline scripts: the CSP allows only files from this site.
(function () {
  "use strict";

  // The export link carries the list's current filter, also after htmx has swapped the
  // results and pushed the new address (filter form, tree click, pagination).
  function syncExport() {
    document.querySelectorAll("[data-export-base]").forEach(function (a) {
      var query = new URLSearchParams(window.location.search);
      query.delete("page");
      var text = query.toString();
      a.href = a.dataset.exportBase + (text ? "?" + text : "");
    });
  }

  // The node of the current filter is marked; clicking a node sets the filter form's hidden
  // field and submits the form through htmx (the other filters stay, the URL follows).
  function markActive() {
    document.querySelectorAll("[data-tree-param]").forEach(function (a) {
      var current = new URLSearchParams(window.location.search).get(a.dataset.treeParam) || "";
      a.classList.toggle("active", a.dataset.treeValue === current && current !== "");
      if (a.dataset.treeValue === "" && current === "") a.classList.add("active");
    });
  }

  document.addEventListener("click", function (e) {
    // A branch opens and closes beside its link; htmx loads its children on the first click.
    var toggle = e.target.closest && e.target.closest("[data-tree-toggle]");
    if (toggle) {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      var slot = document.getElementById(toggle.getAttribute("aria-controls"));
      if (slot) slot.hidden = !open;
      return;
    }
    var fold = e.target.closest && e.target.closest("[data-tree-fold]");
    if (fold) {
      var layout = fold.closest(".list-with-tree");
      if (layout) layout.classList.toggle("tree-folded");
      return;
    }
    var link = e.target.closest && e.target.closest("[data-tree-param]");
    if (!link || typeof window.htmx === "undefined") return;
    var form = document.getElementById("filters");
    var field = form && form.querySelector('[name="' + link.dataset.treeParam + '"]');
    if (!field) return; // no filter form: the link's own address
    e.preventDefault();
    field.value = link.dataset.treeValue;
    window.htmx.trigger(form, "submit");
  });

  document.addEventListener("DOMContentLoaded", function () { syncExport(); markActive(); });
  document.addEventListener("htmx:pushedIntoHistory", function () { syncExport(); markActive(); });
  document.addEventListener("htmx:historyRestore", function () { syncExport(); markActive(); });
  document.addEventListener("htmx:afterSettle", function () { markActive(); });
})();
