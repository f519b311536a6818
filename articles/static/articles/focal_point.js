"use strict";
// Clicking the picture on an image's page sets its focal point: the two number fields below
// it take the click's position as fractions of the width and height. Without JavaScript the
// number fields do the same job.
{
    const round = (value) => Math.min(1, Math.max(0, Math.round(value * 100) / 100));

    function start(picker) {
        const picture = picker.querySelector("img");
        const mark = picker.querySelector(".focal-picker__mark");
        const across = document.getElementById("id_focal_x");
        const down = document.getElementById("id_focal_y");
        if (!picture || !mark || !across || !down) {
            return;
        }
        const show = () => {
            const x = parseFloat(across.value);
            const y = parseFloat(down.value);
            if (Number.isNaN(x) || Number.isNaN(y)) {
                mark.hidden = true;
                return;
            }
            mark.style.left = `${round(x) * 100}%`;
            mark.style.top = `${round(y) * 100}%`;
            mark.hidden = false;
        };
        picker.classList.add("focal-picker--active");
        picture.addEventListener("click", (event) => {
            const box = picture.getBoundingClientRect();
            across.value = round((event.clientX - box.left) / box.width).toFixed(2);
            down.value = round((event.clientY - box.top) / box.height).toFixed(2);
            show();
        });
        across.addEventListener("input", show);
        down.addEventListener("input", show);
        show();
    }

    document.addEventListener("DOMContentLoaded", () => {
        document.querySelectorAll("[data-focal-picker]").forEach(start);
    });
}
