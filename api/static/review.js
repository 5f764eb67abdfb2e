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
      var approveButton = document.querySelector("[data-testid=approve]");  // Ctrl+Enter approves, even while editing
      if (approveButton) { event.preventDefault(); approveButton.click(); }
      return;
    }
    if (item && event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var editors = Array.prototype.slice.call(document.querySelectorAll("textarea.segment-target"));
      var at = editors.indexOf(document.activeElement) + (event.key === "ArrowDown" ? 1 : -1);
      if (editors.length) { event.preventDefault(); editors[Math.max(0, Math.min(editors.length - 1, at))].focus(); }
      return;
    }
    if (typing(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (item) {
      var go = { j: item.getAttribute("data-next"), n: item.getAttribute("data-next"), k: item.getAttribute("data-previous"),
                 b: item.getAttribute("data-queue"), u: item.getAttribute("data-queue") }[event.key];
      if (go) { window.location = go; return; }
      if (event.key === "a") { var approve = document.querySelector("[data-testid=approve]"); if (approve) approve.click(); }
      if (event.key === "s") { var save = document.querySelector("[data-testid=save]"); if (save) save.click(); }
      if (event.key === "r") { var reason = document.getElementById("reject-reason"); if (reason) { event.preventDefault(); reason.focus(); } }
      if (event.key === "e") { var first = document.querySelector("textarea.segment-target"); if (first) { event.preventDefault(); first.focus(); } }
      if (event.key === "?") { var help = document.getElementById("shortcuts"); if (help && !help.open) help.showModal(); }
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

// A flag's suggested text (a compact title): its button puts the text in the field's editor (the
// field's first sentence row shows it whole, the others empty) and sends it as the whole field.
// Nothing is saved until the reviewer saves or approves; without script the text is there to copy.
(function () {
  "use strict";
  var form = document.getElementById("edit-form");
  document.querySelectorAll("button[data-replaces]").forEach(function (button) {
    var name = button.getAttribute("data-replaces");
    var editors = Array.prototype.slice.call(document.querySelectorAll('textarea.segment-target[data-field="' + name + '"]'));
    if (!form || !editors.length) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var whole = form.querySelector('input[name="seg:' + name + ':"]') || document.createElement("input");
      whole.type = "hidden";
      whole.name = "seg:" + name + ":";
      whole.value = button.getAttribute("data-replacement");
      form.appendChild(whole);
      editors.forEach(function (editor, index) {
        editor.value = index === 0 ? whole.value : "";
        editor.readOnly = index > 0;
      });
      editors[0].addEventListener("input", function () { whole.value = editors[0].value; });
      editors[0].focus();
    });
  });
})();

// The item page: the help dialog's button; the sentence being edited is where a save comes back to.
(function () {
  "use strict";
  var helpButton = document.querySelector("[data-testid=shortcuts]");
  var help = document.getElementById("shortcuts");
  if (helpButton && help) helpButton.addEventListener("click", function () { help.showModal(); });
  var place = document.getElementById("edit-place");
  document.querySelectorAll("textarea.segment-target").forEach(function (editor) {
    editor.addEventListener("focus", function () {
      var row = editor.closest("li.segment");
      if (place && row) place.value = row.id;
    });
  });
  if (window.location.hash.indexOf("#row-") === 0) {
    var row = document.getElementById(window.location.hash.slice(1));
    var editor = row && row.querySelector("textarea.segment-target");
    if (editor) editor.focus({ preventScroll: false });
  }
})();
