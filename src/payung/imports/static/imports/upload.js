// Upload with a progress bar: the bytes going up first (slow links), then the import's phases.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest) return;
  var texts = JSON.parse(document.getElementById("upload-texts").textContent);
  var box = document.getElementById("upload-progress");
  var bar = document.getElementById("bar");
  var phase = box.querySelector("[data-testid=phase]");
  var error = document.getElementById("upload-error");

  function show(text, percent) {
    box.hidden = false;
    phase.textContent = text + " (" + Math.round(percent) + "%)";
    bar.value = percent;
  }
  function fail(message) {
    error.textContent = texts.failed + ": " + message;
    error.hidden = false;
    form.querySelector("button[type=submit]").disabled = false;
  }
  function poll(url) {
    fetch(url + "?format=json", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.status === "done") { show(texts.done, 100); window.location = state.url; return; }
        if (state.status === "failed") { fail(state.error); return; }
        show(texts[state.phase] || state.phase, 50 + 50 * state.fraction);
        setTimeout(function () { poll(url); }, 500);
      })
      .catch(function (e) { fail(String(e)); });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.hidden = true;
    form.querySelector("button[type=submit]").disabled = true;
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "fetch");
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) show(texts.uploading, 50 * e.loaded / e.total);
    };
    request.onload = function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { /* not JSON */ }
      if (request.status === 200 && answer.url) { poll(answer.url); return; }
      var messages = [];
      Object.keys(answer.errors || {}).forEach(function (field) {
        answer.errors[field].forEach(function (m) { messages.push(m.message); });
      });
      fail(messages.join(" ") || request.statusText);
    };
    request.onerror = function () { fail(request.statusText || "network"); };
    request.send(new FormData(form));
  });
})();
