// While an import runs, ask for its progress every few seconds and show it;
// reload the page when it has finished, to show its report.
(function () {
  "use strict";
  const box = document.querySelector("[data-import-status-url]");
  if (!box || box.hasAttribute("data-import-finished")) {
    return;
  }
  const every = 2000;
  const statusText = box.querySelector("[data-import-status]");
  const progressText = box.querySelector("[data-import-progress]");
  const bar = box.querySelector("[data-import-progress-bar]");

  function poll() {
    fetch(box.dataset.importStatusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((status) => {
        if (status && status.finished) {
          window.location.reload();
          return;
        }
        if (status) {
          statusText.textContent = status.status_label;
          progressText.textContent = status.progress_text;
          if (bar && status.total) {
            bar.value = status.processed;
            bar.max = status.total;
          }
        }
        window.setTimeout(poll, every);
      })
      .catch(() => window.setTimeout(poll, every));
  }
  window.setTimeout(poll, every);
})();
