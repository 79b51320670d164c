// The map page: draws the GeoJSON of the located pages with Leaflet, and keeps the
// markers, the list below and the URL in step with the filters, without a reload.
// Without this script the page still works: the form reloads it with the filters.
(function () {
    "use strict";

    const container = document.getElementById("atlas-map");
    if (!container || typeof L === "undefined") {
        return;
    }
    const config = JSON.parse(document.getElementById("map-config").textContent);
    const strings = JSON.parse(document.getElementById("map-strings").textContent);
    const form = document.querySelector(".filters");
    // Leaflet animates zooms and panning in script, which the stylesheet's
    // reduced-motion rule cannot reach.
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const map = L.map(container, {
        scrollWheelZoom: false,
        zoomAnimation: !still,
        fadeAnimation: !still,
        markerZoomAnimation: !still,
    }).setView([46.6, 2.4], 5);
    if (config.tiles.url) {
        L.tileLayer(config.tiles.url, {
            attribution: config.tiles.attribution,
            maxZoom: config.tiles.max_zoom,
        }).addTo(map);
    }
    const clusters = L.markerClusterGroup({
        showCoverageOnHover: false,
        animate: !still,
    });
    map.addLayer(clusters);

    function popup(feature) {
        const properties = feature.properties;
        const box = document.createElement("div");
        const title = document.createElement("a");
        title.href = properties.url;
        title.textContent = properties.title;
        title.className = "map-popup__title";
        const meta = document.createElement("p");
        meta.className = "map-popup__meta";
        meta.textContent = [properties.type_label, properties.place].filter(Boolean).join(" · ");
        const summary = document.createElement("p");
        summary.textContent = properties.summary;
        box.append(title, meta, summary);
        return box;
    }

    function draw(collection) {
        clusters.clearLayers();
        const markers = collection.features.map(function (feature) {
            const [longitude, latitude] = feature.geometry.coordinates;
            const marker = L.marker([latitude, longitude], {
                title: feature.properties.title,
                alt: feature.properties.title,
                icon: L.divIcon({
                    className: "map-marker map-marker--" + feature.properties.type,
                    iconSize: [18, 18],
                }),
            });
            marker.feature = feature;
            return marker.bindPopup(function () { return popup(feature); });
        });
        clusters.addLayers(markers);
        if (markers.length) {
            map.fitBounds(clusters.getBounds(), { padding: [30, 30], maxZoom: 12 });
        }
        container.dataset.markers = String(markers.length);
    }

    function showError() {
        container.dataset.markers = "error";
        const message = document.createElement("p");
        message.className = "map__error";
        message.setAttribute("role", "alert");
        message.textContent = strings.error;
        container.after(message);
    }

    function load(query) {
        const url = config.geojson + (query ? "&" + query : "");
        return fetch(url).then(function (response) {
            if (!response.ok) {
                throw new Error(response.status);
            }
            return response.json();
        });
    }

    function currentQuery() {
        const params = new URLSearchParams();
        for (const [name, value] of new FormData(form)) {
            if (value) {
                params.append(name, value);
            }
        }
        return params.toString();
    }

    // Filters: redraw the markers and fetch the page's own list for the same query,
    // so that the map and the list come from the same server-side selection.
    // Filters change faster than the server answers: only the latest answer is drawn,
    // or an earlier, slower one would replace the newer selection.
    let latestUpdate = 0;

    function update() {
        const query = currentQuery();
        const thisUpdate = ++latestUpdate;
        Promise.all([
            load(query),
            fetch("?" + query).then(function (response) {
                if (!response.ok) {
                    throw new Error(response.status);
                }
                return response.text();
            }),
        ]).then(function ([collection, html]) {
            if (thisUpdate !== latestUpdate) {
                return;
            }
            draw(collection);
            const fresh = new DOMParser().parseFromString(html, "text/html");
            document.getElementById("map-results").replaceWith(fresh.getElementById("map-results"));
            history.replaceState(null, "", query ? "?" + query : location.pathname);
        }).catch(function () {
            // A value the server does not understand: let it explain, by a reload.
            if (thisUpdate === latestUpdate) {
                form.submit();
            }
        });
    }

    if (form) {
        form.addEventListener("change", update);
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            update();
        });
    }
    load(config.query).then(draw).catch(showError);
})();
