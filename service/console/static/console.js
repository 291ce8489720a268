// The editor's live preview: the portal's rendering updates as the editor types. Without this
// script the Preview button asks the server for the same thing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-title-prefix]");
  if (!form) { return; }
  var prefix = form.getAttribute("data-title-prefix");

  function stars(rating) {
    var n = parseInt(rating, 10) || 0;
    return "★★★★★".slice(0, n) + "☆☆☆☆☆".slice(0, 5 - n);
  }

  function paragraphs(text) {
    return text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/).map(function (part) {
      return part.split("\n").join(" ").trim();
    }).filter(function (part) { return part.length > 0; });
  }

  function show(source) {
    var path = source.getAttribute("data-preview-source");
    var value = source.value;
    if (path === "headline") {
      path = "title";
      value = prefix + ": " + (value.trim() || "…");
    }
    var target = document.querySelector('[data-preview="' + path + '"]');
    if (!target) { return; }
    if (path === "body") {
      target.textContent = "";
      paragraphs(value).forEach(function (text) {
        var p = document.createElement("p");
        p.textContent = text;
        target.appendChild(p);
      });
    } else if (target.hasAttribute("data-stars")) {
      target.textContent = "";
      var shown = document.createElement("span");
      shown.className = "stars";
      shown.setAttribute("aria-hidden", "true");
      shown.textContent = stars(value);
      var spoken = document.createElement("span");
      spoken.className = "visually-hidden";
      spoken.textContent = (parseInt(value, 10) || 0) + " of 5";
      target.appendChild(shown);
      target.appendChild(spoken);
    } else {
      target.textContent = value.trim();
    }
  }

  form.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-preview-source")) { show(event.target); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-preview-source")) { show(event.target); }
  });
})();
