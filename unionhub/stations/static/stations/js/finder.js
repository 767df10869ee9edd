// "附近的驿站": the browser's location → GET the public nearby API → a list with distance,
// open-now, facilities and a navigation link (geo: URI; no external map service).
(function () {
  "use strict";
  var button = document.getElementById("locate");
  var status = document.getElementById("finder-status");
  var list = document.getElementById("finder-results");
  var openNow = document.getElementById("open-now");
  if (!button) return;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function distance(m) { return m >= 1000 ? (m / 1000).toFixed(1) + " km" : m + " m"; }

  function render(rows) {
    list.innerHTML = "";
    status.textContent = rows.length ? "" : status.dataset.none;
    rows.forEach(function (s) {
      var li = el("li", "card mb-2"), body = el("div", "card-body p-3");
      var head = el("div", "d-flex justify-content-between");
      head.appendChild(el("strong", "", s.name));
      head.appendChild(el("span", "text-secondary", distance(s.distance_m)));
      body.appendChild(head);
      body.appendChild(el("div", "small text-secondary", s.address));
      var info = el("div", "small");
      info.appendChild(el("span", "badge text-white " + (s.is_open_now ? "bg-green" : "bg-secondary"),
        s.is_open_now ? status.dataset.open : status.dataset.closed));
      info.appendChild(document.createTextNode(" " + s.facilities.join("、")));
      body.appendChild(info);
      var links = el("div", "mt-1");
      var nav = el("a", "", status.dataset.nav);
      nav.href = "geo:" + s.lat + "," + s.lng + "?q=" + s.lat + "," + s.lng + "(" + encodeURIComponent(s.name) + ")";
      var enter = el("a", "", status.dataset.enter);
      enter.href = s.entry_url;
      links.appendChild(nav); links.appendChild(document.createTextNode(" · ")); links.appendChild(enter);
      body.appendChild(links);
      li.appendChild(body);
      list.appendChild(li);
    });
  }

  function search(lat, lng) {
    var url = button.dataset.api + "?lat=" + lat + "&lng=" + lng + "&limit=20" + (openNow && openNow.checked ? "&open_now=1" : "");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (rows) { if (Array.isArray(rows)) render(rows); })
      .catch(function () { status.textContent = status.dataset.denied; });
  }

  button.addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = status.dataset.denied; return; }
    status.textContent = status.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (pos) { search(pos.coords.latitude.toFixed(6), pos.coords.longitude.toFixed(6)); },
      function () { status.textContent = status.dataset.denied; },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
    );
  });
})();
