// Click to play: the poster is a link to the video's own page; with JavaScript the click
// swaps it for the embedded player instead, which starts at once because the reader asked.
(function () {
  "use strict";
  function play(event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // the reader wants the video's own page, perhaps in a new tab
    }
    var poster = event.currentTarget;
    var src = new URL(poster.dataset.embedUrl);
    src.searchParams.set("autoplay", "1");
    var player = document.createElement("iframe");
    player.src = src.href;
    player.title = poster.dataset.playerTitle;
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.allowFullscreen = true;
    player.referrerPolicy = "strict-origin-when-cross-origin";
    player.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups");
    event.preventDefault();
    poster.replaceWith(player);
    player.focus();
  }
  document.querySelectorAll(".video-poster[data-embed-url]").forEach(function (poster) {
    poster.addEventListener("click", play);
  });
})();
