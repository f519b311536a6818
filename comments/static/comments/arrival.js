// After posting a comment or a report, or sending a comment the site refused, the page opens
// at a fragment (#comment-123, #comment-form). The browser scrolls there on its own; this
// moves the focus to the confirmation or error summary there, so that it is read out and
// the keyboard carries on from it.
(function () {
  "use strict";
  function arrive() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    var target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    var note = target.matches("[data-arrival]") ? target : target.querySelector("[data-arrival]");
    if (note) {
      note.focus();
    }
  }
  arrive();
})();
