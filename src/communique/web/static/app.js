// communique serve: optional enhancement only; every page reads fully without it.
// Selecting a statement in the text marks its entry in the side panel, and the reverse.
"use strict";
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-statement]") : null;
  if (!target) { return; }
  var index = target.getAttribute("data-statement");
  document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
  var inText = document.getElementById("s-" + index);
  var inPanel = document.getElementById("panel-s-" + index);
  if (inText) { inText.classList.add("selected"); }
  if (inPanel) { inPanel.classList.add("selected"); }
});
