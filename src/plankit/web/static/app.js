// plankit serve: check a page as each field is left, show problems beside each field and
// in the summary, keep the points total of the clause picker, and move focus to the
// field a summary link names. Plain JavaScript, shipped with the package.
(function () {
  "use strict";

  function setErrors(form, data) {
    form.querySelectorAll("[data-err]").forEach(function (p) {
      p.hidden = true; p.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
    form.querySelectorAll(".has-error").forEach(function (el) {
      el.classList.remove("has-error");
    });
    var summary = document.getElementById("error-summary");
    var list = summary && summary.querySelector("[data-summary]");
    if (list) { list.textContent = ""; }
    data.here.forEach(function (p) {
      if (list) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = p.href; a.textContent = p.text;
        li.appendChild(a); list.appendChild(li);
      }
      if (!p.id) { return; }
      var msg = document.getElementById(p.id + "-err");
      if (msg) {
        var span = document.createElement("span");
        span.textContent = p.text;
        msg.appendChild(span); msg.hidden = false;
      }
      var input = document.getElementById(p.id);
      if (input && /^(INPUT|SELECT|TEXTAREA)$/.test(input.tagName)) {
        input.setAttribute("aria-invalid", "true");
        if (input.parentNode.classList.contains("field")) {
          input.parentNode.classList.add("has-error");
        }
        var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/);
        if (ids.indexOf(p.id + "-err") < 0) {
          ids.push(p.id + "-err");
          input.setAttribute("aria-describedby", ids.join(" ").trim());
        }
      }
    });
    if (summary) {
      summary.hidden = data.here.length === 0;
      var title = summary.querySelector("h2");
      if (title) {
        title.textContent = data.here.length === 1 ? "There is 1 problem on this page"
          : "There are " + data.here.length + " problems on this page";
      }
    }
    var status = document.querySelector("[data-status]");
    if (status) {
      status.textContent = data.here.length ? data.here.length + " problem" +
        (data.here.length === 1 ? "" : "s") + " on this page" : "No problems on this page";
    }
  }

  function checker(form) {
    var pending = null;
    var busy = false;
    function run() {
      if (busy) { pending = setTimeout(run, 150); return; }
      busy = true;
      fetch(form.dataset.check, {method: "POST", body: new FormData(form),
                                 credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { setErrors(form, data); } })
        .catch(function () {})
        .then(function () { busy = false; form.dispatchEvent(new Event("plankit:checked")); });
    }
    form.addEventListener("focusout", function (e) {
      if (!/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) { return; }
      clearTimeout(pending);
      pending = setTimeout(run, 50);
    });
    form.addEventListener("change", function (e) {
      if (e.target.type === "checkbox") { clearTimeout(pending); pending = setTimeout(run, 50); }
    });
  }

  function points(form) {
    var out = form.querySelector("[data-total]");
    function sum() {
      var total = 0;
      form.querySelectorAll("input[data-scored]").forEach(function (box) {
        if (!box.checked) { return; }
        var field = document.getElementById(box.dataset.scored);
        var n = field ? parseInt(field.value, 10) : NaN;
        if (!isNaN(n)) { total += n; }
      });
      out.textContent = String(total);
    }
    form.addEventListener("input", sum);
    form.addEventListener("change", sum);
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#']");
    if (!a) { return; }
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) { return; }
    var focusable = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ? target
      : target.querySelector("input:not([type=hidden]), select, textarea, summary");
    if (target.tagName === "DETAILS") { target.open = true; }
    if (focusable) { e.preventDefault(); target.scrollIntoView(); focusable.focus(); }
  });

  function livePreview(details) {
    var frame = details.querySelector("iframe");
    function load() { frame.src = frame.dataset.src + "?t=" + Date.now(); }
    details.addEventListener("toggle", function () { if (details.open) { load(); } });
    document.querySelectorAll("form[data-check]").forEach(function (form) {
      form.addEventListener("plankit:checked", function () { if (details.open) { load(); } });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-check]").forEach(checker);
    document.querySelectorAll("details[data-preview]").forEach(livePreview);
    document.querySelectorAll("form[data-points]").forEach(points);
    var summary = document.getElementById("error-summary");
    if (summary && !summary.hidden) { summary.focus(); }
  });
})();
