// Suggestions under the header's search box: an ARIA 1.2 combobox with a listbox.
// Without this script the box is a plain search form. Arrow keys move through the
// suggestions, Enter opens the chosen page (or searches when none is chosen),
// Escape closes the list, then empties the box.
(function () {
    "use strict";

    var form = document.querySelector(".site-search[data-suggest-url]");
    if (!form || !window.fetch) {
        return;
    }
    var input = form.querySelector("[data-suggestions]");
    var listbox = document.getElementById(input.getAttribute("data-suggestions"));
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    var url = form.getAttribute("data-suggest-url");
    var suggestions = [];
    var active = -1;
    var timer = null;
    var pending = null;

    function open(isOpen) {
        listbox.hidden = !isOpen;
        input.setAttribute("aria-expanded", isOpen ? "true" : "false");
        if (!isOpen) {
            select(-1);
        }
    }

    function select(index) {
        var options = listbox.querySelectorAll("[role=option]");
        active = index;
        options.forEach(function (option, position) {
            option.setAttribute("aria-selected", position === index ? "true" : "false");
        });
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", options[index].id);
            options[index].scrollIntoView({block: "nearest"});
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function render(items) {
        suggestions = items;
        listbox.replaceChildren();
        items.forEach(function (item, position) {
            var option = document.createElement("li");
            var type = document.createElement("span");
            option.id = listbox.id + "-" + position;
            option.className = "site-search__suggestion";
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.textContent = item.title + " ";
            type.className = "site-search__suggestion-type";
            type.textContent = item.type;
            option.appendChild(type);
            // mousedown rather than click: it comes before the input loses focus.
            option.addEventListener("mousedown", function (event) {
                event.preventDefault();
                window.location.assign(item.url);
            });
            listbox.appendChild(option);
        });
        open(items.length > 0);
    }

    function fetchSuggestions() {
        var words = input.value.trim();
        if (pending) {
            pending.abort();
        }
        if (words.length < 2) {
            render([]);
            return;
        }
        pending = new AbortController();
        fetch(url + "?q=" + encodeURIComponent(words), {signal: pending.signal})
            .then(function (response) {
                return response.ok ? response.json() : [];
            })
            .then(render)
            .catch(function () {
                // Aborted or offline: the form still works.
            });
    }

    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(fetchSuggestions, 200);
    });

    input.addEventListener("keydown", function (event) {
        var count = suggestions.length;
        if (event.key === "ArrowDown" && count) {
            event.preventDefault();
            open(true);
            select((active + 1) % count);
        } else if (event.key === "ArrowUp" && count) {
            event.preventDefault();
            open(true);
            select(active <= 0 ? count - 1 : active - 1);
        } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
            event.preventDefault();
            window.location.assign(suggestions[active].url);
        } else if (event.key === "Escape") {
            if (!listbox.hidden) {
                event.preventDefault();
                open(false);
            } else {
                input.value = "";
            }
        }
    });

    input.addEventListener("blur", function () {
        open(false);
    });
})();
