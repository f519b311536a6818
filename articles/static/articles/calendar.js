// Dragging a piece to another day fills in its Move form with that day and sends it; the
// form itself works without this, and by keyboard.
(function () {
  "use strict";

  let dragged = null;

  document.addEventListener("dragstart", (event) => {
    const piece = event.target.closest && event.target.closest(".planner__piece[data-move]");
    if (!piece) return;
    dragged = piece;
    piece.classList.add("planner__piece--dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", piece.querySelector(".planner__title").textContent);
  });

  function dayUnder(event) {
    return event.target.closest && event.target.closest(".planner__day[data-date]");
  }

  document.addEventListener("dragover", (event) => {
    const day = dragged && dayUnder(event);
    if (!day) return;
    event.preventDefault();
    document.querySelectorAll(".planner__day--target").forEach((each) => {
      if (each !== day) each.classList.remove("planner__day--target");
    });
    day.classList.add("planner__day--target");
  });

  document.addEventListener("drop", (event) => {
    const day = dragged && dayUnder(event);
    if (!day) return;
    event.preventDefault();
    const form = document.getElementById(dragged.dataset.move);
    const date = form.querySelector("input[type='date']");
    if (date.value === day.dataset.date) return;
    date.value = day.dataset.date;
    day.classList.add("planner__day--moving");
    form.requestSubmit();
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("planner__piece--dragged");
    dragged = null;
    document.querySelectorAll(".planner__day--target").forEach((each) => {
      each.classList.remove("planner__day--target");
    });
  });
})();
