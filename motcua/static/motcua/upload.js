/* Resumable uploads for the submission wizard's papers page (motcua.portal.wizard).
   Without this script the page posts whole files with the form; with it, each chosen file is
   sent at once in 512 KB pieces. A piece that fails (a dropped 3G connection) is retried after
   asking the server how much it already has, so a 5 MB scan is never sent twice from the start. */
(function () {
  "use strict";
  var box = document.getElementById("uploader");
  if (!box || !window.fetch || !window.Blob || !Blob.prototype.slice) { return; }
  var form = box.closest("form");
  var beginUrl = box.getAttribute("data-begin-url");
  var chunkBytes = parseInt(box.getAttribute("data-chunk-bytes"), 10) || 524288;
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var busy = 0;

  function text(key) { return box.getAttribute("data-msg-" + key); }
  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
  function setBusy(delta) {
    busy += delta;
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = busy > 0; });
  }

  function answer(response) {
    return response.json().then(function (body) { body.httpStatus = response.status; return body; });
  }

  function begin(file, component) {
    var data = new FormData();
    data.append("component", component);
    data.append("name", file.name);
    data.append("size", String(file.size));
    data.append("csrfmiddlewaretoken", token);
    return fetch(beginUrl, { method: "POST", body: data, credentials: "same-origin" }).then(answer);
  }

  function send(url, file, offset) {
    return fetch(url + "?offset=" + offset, {
      method: "POST",
      body: file.slice(offset, Math.min(offset + chunkBytes, file.size)),
      headers: { "X-CSRFToken": token, "Content-Type": "application/octet-stream" },
      credentials: "same-origin"
    }).then(answer);
  }

  function where(url) {
    return fetch(url, { credentials: "same-origin" }).then(answer);
  }

  function upload(file, component, status, bar) {
    return begin(file, component).then(function (state) {
      if (state.httpStatus !== 201) { throw new Error(state.message || text("failed")); }
      var url = beginUrl + state.id + "/";
      var failures = 0;
      function step(offset) {
        bar.value = offset; status.textContent = text("sending") + " " + file.name + ": " +
          Math.floor((100 * offset) / file.size) + "%";
        if (offset >= file.size) { return Promise.resolve(); }
        return send(url, file, offset).then(function (reply) {
          if (reply.httpStatus === 200) { failures = 0; return reply.complete ? null : reply.offset; }
          if (reply.httpStatus === 409) { return reply.offset; }
          if (reply.httpStatus >= 500) { throw new Error("server"); }
          var refused = new Error(reply.message || text("failed")); refused.final = true; throw refused;
        }).catch(function (error) {
          if (error.final || failures >= 30) { throw error; }
          failures += 1;
          status.textContent = text("retry");
          // Ask where the server stands: the piece may have arrived even if its answer did not.
          return wait(Math.min(30000, 1000 * failures)).then(function () { return where(url); })
            .then(function (reply) { return reply.offset; }, function () { return offset; });
        }).then(function (next) { return next === null ? Promise.resolve() : step(next); });
      }
      return step(state.offset);
    }).then(function () {
      bar.value = file.size;
      status.textContent = text("done") + ": " + file.name;
    });
  }

  function send_chosen(input) {
    var files = Array.prototype.slice.call(input.files);
    if (!files.length) { return; }
    var status = input.parentNode.querySelector(".upload-status");
    var component = input.getAttribute("data-component");
    setBusy(1);
    var chain = Promise.resolve();
    files.forEach(function (file) {
      var bar = document.createElement("progress");
      bar.max = file.size; bar.value = 0;
      input.parentNode.insertBefore(bar, status);
      chain = chain.then(function () { return upload(file, component, status, bar); });
    });
    chain.catch(function (error) {
      status.textContent = text("failed") + ": " + error.message;
    }).then(function () {
      // The files are on the server now: the form must not send them a second time.
      input.value = "";
      setBusy(-1);
    });
  }

  form.querySelectorAll("input[type=file][data-component]").forEach(function (input) {
    input.addEventListener("change", function () { send_chosen(input); });
    // On a slow phone the citizen may pick a file before this script has loaded: send it now.
    send_chosen(input);
  });
})();
