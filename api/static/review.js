// Keyboard shortcuts and small conveniences for the review queue. No framework, no network calls.
(function () {
  "use strict";
  function typing(event) {
    var tag = (event.target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable;
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
  var current = -1;
  function highlight(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].scrollIntoView({ block: "nearest" });
  }
  rows.forEach(function (row) {
    row.addEventListener("click", function (event) {
      if (event.target.closest("a, input, button")) return;
      window.location = row.getAttribute("data-href");
    });
  });
  var selectClean = document.getElementById("select-clean");
  if (selectClean) {
    selectClean.addEventListener("click", function () {
      document.querySelectorAll("input.clean").forEach(function (box) { box.checked = true; });
    });
  }

  var item = document.querySelector(".item");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && item) {
      var form = document.getElementById("edit-form");  // Ctrl+Enter approves, even while editing
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (typing(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (item) {
      var go = { j: item.getAttribute("data-next"), n: item.getAttribute("data-next"), k: item.getAttribute("data-previous") }[event.key];
      if (go) { window.location = go; return; }
      if (event.key === "a") { var approve = document.getElementById("edit-form"); if (approve) approve.requestSubmit(); }
      if (event.key === "s") { var save = document.querySelector("[data-testid=save]"); if (save) save.click(); }
      if (event.key === "r") { var reason = document.getElementById("reject-reason"); if (reason) { event.preventDefault(); reason.focus(); } }
      if (event.key === "e") { var title = document.querySelector("textarea[name=title]"); if (title) { event.preventDefault(); title.focus(); } }
      if (event.key === "u") { window.location = "/review"; }
      return;
    }
    if (event.key === "j") highlight(current + 1);
    if (event.key === "k") highlight(current - 1);
    if (event.key === "Enter" && current >= 0) window.location = rows[current].getAttribute("data-href");
    if (event.key === "x" && current >= 0) {
      var box = rows[current].querySelector("input.clean");
      if (box) box.checked = !box.checked;
    }
    if (event.key === "/") { var search = document.getElementById("sku-search"); if (search) { event.preventDefault(); search.focus(); } }
  });
})();

// The batches page: while a batch runs, its progress is fetched from the queue every two seconds.
(function () {
  "use strict";
  var table = document.getElementById("batches");
  if (!table || table.getAttribute("data-live") !== "yes") return;
  function refresh() {
    fetch("/review/batches.json", { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (!data) return;
      data.batches.forEach(function (batch) {
        var row = table.querySelector("tr[data-batch='" + batch.id + "']");
        if (!row) return;
        row.querySelector(".status").textContent = batch.status;
        row.querySelector("progress").value = batch.processed;
        row.querySelector(".count").textContent = batch.processed + " / " + batch.total;
        row.querySelector(".failures").firstChild.textContent = String(batch.failures);
      });
      if (data.running) window.setTimeout(refresh, 2000);
    });
  }
  window.setTimeout(refresh, 2000);
})();

// A flag's suggested text (a compact title): its button puts the text in the field's editor. Nothing
// is saved until the reviewer saves or approves; without script the text is there to copy.
(function () {
  "use strict";
  document.querySelectorAll("button[data-replaces]").forEach(function (button) {
    var editor = document.querySelector('textarea[name="' + button.getAttribute("data-replaces") + '"]');
    if (!editor) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      editor.value = button.getAttribute("data-replacement");
      editor.focus();
    });
  });
})();
