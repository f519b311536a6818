/* Writing aids on the article form (articles/writing.py has the same rules): character
   counts that say when search results would cut a title or description, the body's length
   and reading time, and the search and social previews, all following what is typed.
   Without JavaScript the form shows the stored piece's figures and the advice in words. */
(function () {
  "use strict";

  const WORDS_PER_MINUTE = 230;

  function field(name) {
    return document.getElementById("id_" + name);
  }

  function value(name) {
    const element = field(name);
    return element ? element.value.trim() : "";
  }

  function cut(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1).trimEnd() + "…" : text;
  }

  function plural(count, word) {
    return count.toLocaleString("en-GB") + " " + word + (count === 1 ? "" : "s");
  }

  function addCounter(input) {
    const limit = Number(input.dataset.searchLimit);
    const counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = input.id + "_count";
    counter.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", counter);
    const describedBy = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    // The title and standfirst stand aside in search results once an SEO text is written.
    const replacement = input.dataset.searchReplacedBy ? field(input.dataset.searchReplacedBy) : null;
    function update() {
      const length = input.value.length;
      const replaced = replacement && replacement.value.trim();
      const over = length > limit && !replaced;
      let note = " of about " + limit + " that search results show";
      if (replaced) {
        note = "; search results show the " + replacement.dataset.searchLabel + " instead";
      } else if (over) {
        note = ": too long for search results, which show about " + limit;
      }
      counter.textContent = plural(length, "character") + note;
      counter.classList.toggle("char-count--over", over);
    }
    input.addEventListener("input", update);
    if (replacement) replacement.addEventListener("input", update);
    update();
  }

  function setText(name, text) {
    for (const element of document.querySelectorAll('[data-preview="' + name + '"]')) {
      element.textContent = text;
    }
  }

  function updatePreviews(aids) {
    const headline = value("seo_title") || value("title");
    const description = value("seo_description") || value("standfirst");
    const titleLimit = Number(aids.dataset.titleLimit);
    const descriptionLimit = Number(aids.dataset.descriptionLimit);
    setText("search-title", cut(headline + " | " + aids.dataset.siteName, titleLimit));
    setText(
      "search-description",
      cut(description, descriptionLimit) || "Add a standfirst or an SEO description."
    );
    setText("social-title", headline || "Your headline");
    setText("social-description", description);
    const slug = value("slug");
    const path = aids.querySelector('[data-preview="search-path"]');
    if (path && slug) {
      const parts = path.textContent.split(" › ");
      parts[parts.length - 1] = slug;
      path.textContent = parts.join(" › ");
    }
  }

  function showLength(text) {
    const words = text.split(/\s+/).filter(Boolean).length;
    const minutes = Math.ceil(words / WORDS_PER_MINUTE);
    const summary = words
      ? plural(words, "word") + ", about " + plural(minutes, "minute") + " to read"
      : "No body text yet.";
    for (const element of document.querySelectorAll('[data-aid="length"]')) {
      element.textContent = summary;
    }
  }

  function textOf(html) {
    const doc = new DOMParser().parseFromString(html.replace(/</g, " <"), "text/html");
    return doc.body.textContent || "";
  }

  // The body's rich-text editor says when it is ready; its text is counted as it changes.
  document.addEventListener("prose-editor:ready", function (event) {
    const editor = event.detail.editor;
    if (!event.detail.textarea || event.detail.textarea.name !== "body") return;
    editor.on("update", function () {
      showLength(editor.getText({ blockSeparator: " " }));
    });
  });

  function start() {
    for (const input of document.querySelectorAll("[data-search-limit]")) {
      addCounter(input);
    }
    const aids = document.querySelector(".writing-aids");
    if (aids) {
      for (const name of ["title", "seo_title", "standfirst", "seo_description", "slug"]) {
        const element = field(name);
        if (element) {
          element.addEventListener("input", function () {
            updatePreviews(aids);
          });
          // The slug is filled in from the title by the admin's own script.
          element.addEventListener("change", function () {
            updatePreviews(aids);
          });
        }
      }
    }
    const body = field("body");
    if (body) {
      body.addEventListener("change", function () {
        showLength(textOf(body.value));
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
