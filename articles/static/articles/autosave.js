/* The article form keeps a draft copy of what its editor types (articles/autosave.py): every
   few seconds while it changes and whenever the tab is hidden. It warns before leaving with
   unsaved changes, and offers the copy back after a crash or a closed tab. Without JavaScript
   the form saves exactly as it always did. */
(function () {
  "use strict";

  // The page's counts of inline forms, and the empty forms Django copies, are never kept.
  const SKIPPED = /(-TOTAL_FORMS|-INITIAL_FORMS|-MIN_NUM_FORMS|-MAX_NUM_FORMS)$/;
  const editors = new Map();

  // Text written before its field's editor was ready (a Q&A answer in a row restoring has
  // just added), for the editor to take up once it is.
  const awaitingEditor = new Set();

  // The rich-text editors say when they are ready; restoring goes through them.
  document.addEventListener("prose-editor:ready", function (event) {
    const textarea = event.detail.textarea;
    editors.set(textarea, event.detail.editor);
    if (awaitingEditor.delete(textarea)) event.detail.editor.commands.setContent(textarea.value);
  });

  function kept(element, keyField) {
    const name = element.name;
    return (
      name &&
      !element.disabled &&
      name !== "csrfmiddlewaretoken" &&
      name !== keyField &&
      !SKIPPED.test(name) &&
      !name.includes("__prefix__") &&
      !["submit", "button", "reset", "file", "image"].includes(element.type)
    );
  }

  function read(form, keyField) {
    const fields = {};
    const labels = {};
    for (const element of form.elements) {
      if (!kept(element, keyField)) continue;
      if (element.type === "checkbox") {
        fields[element.name] = element.checked;
      } else if (element.type === "radio") {
        if (element.checked) fields[element.name] = element.value;
      } else if (element.tagName === "SELECT") {
        const chosen = Array.from(element.selectedOptions);
        fields[element.name] = element.multiple
          ? chosen.map((option) => option.value)
          : element.value;
        // Searchable lists load their options as one types: keep what the chosen ones say.
        labels[element.name] = {};
        for (const option of chosen) labels[element.name][option.value] = option.text;
      } else {
        fields[element.name] = element.value;
      }
    }
    return { fields: fields, labels: labels };
  }

  function blank(value) {
    return value === "" || value === false || (Array.isArray(value) && value.length === 0);
  }

  function same(copy, current) {
    return Object.keys(copy).every(function (name) {
      if (!(name in current)) return blank(copy[name]);
      return JSON.stringify(copy[name]) === JSON.stringify(current[name]);
    });
  }

  // Rows the editor added to an inline (a second byline, a correction) are added again the
  // way they were made, with the inline's own "Add another" link, so the admin's scripts
  // set them up as usual.
  function addMissingRows(form, fields) {
    const rowsWanted = {};
    for (const [name, value] of Object.entries(fields)) {
      const match = /^(.+)-(\d+)-[^-]+$/.exec(name);
      if (!match || blank(value) || form.elements.namedItem(name)) continue;
      rowsWanted[match[1]] = Math.max(rowsWanted[match[1]] || 0, Number(match[2]) + 1);
    }
    for (const [prefix, rows] of Object.entries(rowsWanted)) {
      const total = form.elements.namedItem(prefix + "-TOTAL_FORMS");
      const group = document.getElementById(prefix + "-group");
      const add = group && group.querySelector(".add-row a");
      while (total && add && Number(total.value) < rows) {
        const before = total.value;
        add.click();
        if (total.value === before) break;
      }
    }
  }

  function choose(select, value, labels) {
    const values = Array.isArray(value) ? value : [value];
    for (const wanted of values) {
      const known = Array.from(select.options).some((option) => option.value === wanted);
      if (wanted !== "" && !known) select.add(new Option(labels[wanted] || wanted, wanted));
    }
    for (const option of select.options) option.selected = values.includes(option.value);
  }

  function write(form, fields, labels) {
    addMissingRows(form, fields);
    for (const [name, value] of Object.entries(fields)) {
      const found = form.elements.namedItem(name);
      if (!found) continue;
      const elements = found instanceof RadioNodeList ? Array.from(found) : [found];
      for (const element of elements) {
        if (element.type === "radio") {
          element.checked = element.value === value;
        } else if (element.type === "checkbox") {
          element.checked = value === true;
        } else if (element.tagName === "SELECT") {
          choose(element, value, labels[name] || {});
        } else {
          const editor = editors.get(element);
          if (editor) editor.commands.setContent(value);
          else if (element.tagName === "TEXTAREA") awaitingEditor.add(element);
          element.value = value;
        }
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  function start() {
    const box = document.getElementById("autosave");
    if (!box) return;
    const form = box.closest("form");
    const offer = box.querySelector(".autosave__offer");
    const message = box.querySelector(".autosave__message");
    const status = box.querySelector(".autosave__status");
    const url = box.dataset.url;
    const keyField = box.dataset.formKeyField;
    const newArticle = box.dataset.newArticle === "yes";
    // A form sent back by the server (errors, an edit conflict) holds typing not yet saved.
    const sentBack = box.dataset.offerRestore !== "yes";
    const token = form.elements.namedItem("csrfmiddlewaretoken").value;
    let formKey = box.dataset.formKey;
    let submitting = false;

    const snapshot = () => JSON.stringify(read(form, keyField));
    const loaded = snapshot();
    let inCopy = loaded;

    function address(key) {
      return newArticle && key ? url + "?form_key=" + encodeURIComponent(key) : url;
    }

    function payload(state) {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      data.append("fields", JSON.stringify(state.fields));
      data.append("labels", JSON.stringify(state.labels));
      data.append(keyField, formKey);
      return data;
    }

    function say(text) {
      status.textContent = text;
    }

    function keep(leaving) {
      if (submitting) return;
      const state = read(form, keyField);
      const now = JSON.stringify(state);
      if (now === inCopy) return;
      // A tab being hidden may never come back: the beacon outlives the page.
      if (leaving && navigator.sendBeacon && navigator.sendBeacon(url, payload(state))) {
        inCopy = now;
        return;
      }
      fetch(url, { method: "POST", body: payload(state), credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : Promise.reject(response)))
        .then(function (answer) {
          inCopy = now;
          say(
            "Draft copy saved at " +
              answer.copy.saved_at_text +
              ". Only you can see it; save the article to keep your changes."
          );
        })
        .catch(function () {
          say("No draft copy could be saved just now. Your changes are still in this form.");
        });
    }

    function discard(key) {
      return fetch(address(key), {
        method: "DELETE",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token },
      });
    }

    function offerRestore(copy) {
      let text = "You have unsaved changes from " + copy.saved_at_text + ".";
      if (copy.article_saved_since) {
        text +=
          " The article has been saved since then; if you restore them, saving will first" +
          " show you what was changed.";
      }
      message.textContent = text;
      offer.hidden = false;
      box.querySelector('[data-autosave="restore"]').addEventListener("click", function () {
        write(form, copy.fields, copy.labels || {});
        if (newArticle) formKey = copy.form_key;
        inCopy = snapshot();
        offer.hidden = true;
        say("Restored your changes from " + copy.saved_at_text + ". Save to keep them.");
        // The buttons are gone: carry on where the typing left off.
        const first = form.querySelector("input:not([type=hidden]), textarea, select");
        if (first) first.focus();
      });
      box.querySelector('[data-autosave="discard"]').addEventListener("click", function () {
        discard(copy.form_key);
        offer.hidden = true;
        say("Discarded the unsaved changes.");
      });
    }

    if (!sentBack) {
      fetch(url, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : null))
        .then(function (answer) {
          const copy = answer && answer.copy;
          if (!copy) return;
          if (same(copy.fields, read(form, keyField).fields)) {
            discard(copy.form_key);
          } else {
            offerRestore(copy);
          }
        });
    }

    form.addEventListener("submit", function () {
      submitting = true;
      const key = document.createElement("input");
      key.type = "hidden";
      key.name = keyField;
      key.value = formKey;
      form.appendChild(key);
    });
    window.setInterval(() => keep(false), (Number(box.dataset.seconds) || 30) * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") keep(true);
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || (!sentBack && snapshot() === loaded)) return;
      event.preventDefault();
      event.returnValue = "";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
