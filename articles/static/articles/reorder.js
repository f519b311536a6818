// Reordering by hand: every number box marked data-position (the front page's order, the
// Q&A turns) gets a drag handle and Move up/Move down buttons. Moving an item renumbers the
// boxes in the order they now stand; saving the form saves that order, as typing would.
(function () {
  "use strict";

  const ITEMS = "tr, .inline-related";
  const prepared = new WeakSet();

  function itemOf(input) {
    return input.closest(ITEMS);
  }

  function itemsBeside(item) {
    return Array.from(item.parentElement.children).filter(
      (sibling) =>
        sibling.matches(ITEMS) &&
        !sibling.classList.contains("empty-form") &&
        sibling.querySelector("input[data-position]")
    );
  }

  function describe(item) {
    const question = item.querySelector("input[name$='-question']");
    if (question && question.value) return "“" + question.value + "”";
    const title = item.querySelector(".field-title");
    return title ? "“" + title.textContent.trim() + "”" : "This item";
  }

  function announce(item, text) {
    const area = item.closest("table, .inline-group");
    let status = area.nextElementSibling;
    if (!status || !status.classList.contains("reorder__status")) {
      status = document.createElement("p");
      status.className = "reorder__status";
      status.setAttribute("role", "status");
      area.after(status);
    }
    status.textContent = text;
  }

  function renumber(item, moved) {
    const items = itemsBeside(item);
    items.forEach((each, index) => {
      const input = each.querySelector("input[data-position]");
      const position = String(index + 1);
      if (input.value !== position) {
        input.value = position;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    if (moved) {
      announce(
        moved,
        describe(moved) + " is now number " + (items.indexOf(moved) + 1) + " of " +
          items.length + ". Save to keep this order."
      );
    }
  }

  function move(item, step, button) {
    const items = itemsBeside(item);
    const target = items[items.indexOf(item) + step];
    if (!target) return;
    if (step < 0) target.before(item);
    else target.after(item);
    renumber(item, item);
    button.focus();
  }

  function button(label, shortLabel, item, step) {
    const control = document.createElement("button");
    control.type = "button";
    control.className = "reorder__button";
    control.textContent = shortLabel;
    control.setAttribute("aria-label", label);
    control.title = label;
    control.addEventListener("click", () => move(item, step, control));
    return control;
  }

  function prepare(input) {
    const item = itemOf(input);
    if (!item || prepared.has(item) || item.classList.contains("empty-form")) return;
    prepared.add(item);
    item.classList.add("reorder__item");
    const handle = document.createElement("span");
    handle.className = "reorder__handle";
    handle.title = "Drag to reorder";
    handle.textContent = "⠿";
    handle.setAttribute("aria-hidden", "true");
    // Draggable only from the handle, so that text in the item can still be selected.
    handle.addEventListener("pointerdown", () => {
      item.draggable = true;
    });
    const controls = document.createElement("span");
    controls.className = "reorder__controls";
    controls.append(
      handle,
      button("Move up", "↑ Up", item, -1),
      button("Move down", "↓ Down", item, 1)
    );
    input.after(controls);
  }

  let dragged = null;

  document.addEventListener("dragstart", (event) => {
    const item = event.target.closest && event.target.closest(".reorder__item");
    if (!item || !item.draggable) return;
    dragged = item;
    item.classList.add("reorder__item--dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", describe(item));
  });

  document.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const over = event.target.closest && event.target.closest(".reorder__item");
    if (!over || over.parentElement !== dragged.parentElement) return;
    event.preventDefault();
    if (over === dragged) return;
    const box = over.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) over.before(dragged);
    else over.after(dragged);
  });

  document.addEventListener("drop", (event) => {
    if (dragged) event.preventDefault();
  });

  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const item = dragged;
    dragged = null;
    item.draggable = false;
    item.classList.remove("reorder__item--dragged");
    renumber(item, item);
  });

  function prepareAll() {
    document.querySelectorAll("input[data-position]").forEach(prepare);
  }

  document.addEventListener("DOMContentLoaded", prepareAll);
  // A Q&A turn added with "Add another" goes to the end.
  document.addEventListener("formset:added", (event) => {
    const input = event.target.querySelector("input[data-position]");
    if (!input) return;
    prepare(input);
    renumber(itemOf(input), null);
  });
})();
