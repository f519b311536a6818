"use strict";
// Image choices in the admin's autocomplete lists show their thumbnail beside their alt text
// (the server adds `thumbnail` to each image result: articles/pickers.py). It is a select2
// default, set when the document has loaded: select2 may load after this file, and the
// admin's autocomplete.js starts its widgets in a jQuery ready handler, which jQuery 3 runs
// after the DOMContentLoaded listeners.
{
    function imageChoice(result) {
        if (!result.thumbnail) {
            return result.text;
        }
        const choice = document.createElement("span");
        choice.className = "image-choice";
        const thumbnail = document.createElement("img");
        thumbnail.src = result.thumbnail;
        thumbnail.alt = "";
        thumbnail.width = 48;
        thumbnail.height = 48;
        const words = document.createElement("span");
        words.textContent = result.text;
        choice.append(thumbnail, words);
        return choice;
    }

    document.addEventListener("DOMContentLoaded", () => {
        const select2 = window.django && django.jQuery && django.jQuery.fn.select2;
        if (select2) {
            select2.defaults.set("templateResult", imageChoice);
        }
    });
}
