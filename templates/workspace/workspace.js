// The workspace's only script, loaded from this server (the pages' CSP allows nothing else).
// Pages work without it: it adds live build progress and dropping a file onto an upload form.
"use strict";

function watchBuild(container) {
  const url = container.dataset.buildStatus;
  const message = container.querySelector("#build-message");
  const bar = container.querySelector("#build-progress");
  const results = container.querySelector("#build-results");
  let last = "";
  async function poll() {
    let status;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) { throw new Error(String(response.status)); }
      status = await response.json();
    } catch (error) {
      window.setTimeout(poll, 3000);
      return;
    }
    if (status.message !== last) {
      message.textContent = status.message; // the live region: screen readers announce the change
      last = status.message;
    }
    bar.max = status.total;
    bar.value = status.done;
    bar.textContent = status.done + " of " + status.total + " steps";
    if (status.finished) {
      results.innerHTML = status.results; // rendered and escaped by the server's templates
      container.dataset.finished = "yes";
      return;
    }
    window.setTimeout(poll, 1000);
  }
  if (container.dataset.finished !== "yes") { window.setTimeout(poll, 500); }
}

function dropZone(zone) {
  const input = zone.querySelector("input[type=file]");
  if (!input) { return; }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-build-status]").forEach(watchBuild);
  document.querySelectorAll("[data-dropzone]").forEach(dropZone);
});
