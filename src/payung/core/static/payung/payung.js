// Small behaviours that pages ask for with data- attributes: the Content-Security-Policy
// allows no inline script (onchange=, onclick=).
"use strict";

document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (field && field.form) field.form.submit();
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
