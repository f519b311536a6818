// "Copy link" under an article: without this script a plain link to the article; with it, a
// button that puts the article's address on the clipboard and says so to screen readers too.
(function () {
  "use strict";
  var links = document.querySelectorAll(".share__copy");
  if (!navigator.clipboard) {
    return;
  }
  Array.prototype.forEach.call(links, function (link) {
    var button = document.createElement("button");
    var status = link.closest(".share").querySelector(".share__status");
    var url = link.dataset.copyUrl;
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(url).then(
        function () {
          status.textContent = "Link copied";
        },
        function () {
          status.textContent = "Could not copy the link: copy it from the address bar.";
        }
      );
    });
    link.replaceWith(button);
  });
})();
