// Counts this article towards "most read". The browser reports it, so a page served from a
// cache counts too. A page prerendered in case the reader opens it counts once it is shown.
(function () {
  "use strict";
  var url = document.currentScript.dataset.readUrl;
  function report() {
    navigator.sendBeacon(url);
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", report, { once: true });
  } else {
    report();
  }
})();
