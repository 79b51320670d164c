// In the page editor: a click on the small map writes its latitude and longitude into
// the coordinate inputs, and typed coordinates move the marker.
(function () {
    "use strict";

    function round(value) {
        return Math.round(value * 1e6) / 1e6;
    }

    function setUp(element) {
        if (typeof L === "undefined" || element.dataset.ready) {
            return;
        }
        element.dataset.ready = "true";
        const latitude = document.getElementById(element.dataset.latitudeInput);
        const longitude = document.getElementById(element.dataset.longitudeInput);
        const tiles = JSON.parse(document.getElementById("location-picker-tiles").textContent);
        const map = L.map(element).setView([46.6, 2.4], 5);
        if (tiles.url) {
            L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: tiles.max_zoom }).addTo(map);
        }
        let marker = null;

        function place(lat, lng, centre) {
            if (marker) {
                marker.setLatLng([lat, lng]);
            } else {
                marker = L.marker([lat, lng]).addTo(map);
            }
            if (centre) {
                map.setView([lat, lng], Math.max(map.getZoom(), 11));
            }
        }

        function fromInputs() {
            const lat = parseFloat(latitude.value);
            const lng = parseFloat(longitude.value);
            if (Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
                place(lat, lng, true);
            }
        }

        map.on("click", function (event) {
            const { lat, lng } = event.latlng.wrap();
            latitude.value = round(lat);
            longitude.value = round(lng);
            // Tell the editor the form changed (unsaved changes warning, previews).
            for (const input of [latitude, longitude]) {
                input.dispatchEvent(new Event("input", { bubbles: true }));
                input.dispatchEvent(new Event("change", { bubbles: true }));
            }
            place(lat, lng, false);
        });
        latitude.addEventListener("change", fromInputs);
        longitude.addEventListener("change", fromInputs);
        fromInputs();
        // The editor's tabs hide the map at first; redraw it once it is shown.
        new IntersectionObserver(function () { map.invalidateSize(); }).observe(element);
    }

    function setUpAll() {
        document.querySelectorAll(".location-picker__map").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpAll);
    } else {
        setUpAll();
    }
})();
