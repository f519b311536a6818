"use strict";
// Image choices in the admin's autocomplete lists show their thumbnail beside their alt text
// (the server adds `thumbnail` to each image result: articles/pickers.py). Set as a select2
// default, before the admin's autocomplete.js starts its widgets when the page is ready.
{
    const select2 = window.django && django.jQuery && django.jQuery.fn.select2;
    if (select2) {
        select2.defaults.set("templateResult", (result) => {
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
        });
    }
}
