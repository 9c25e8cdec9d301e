// Behaviour that used to be inline attributes, so that the Content-Security-Policy can forbid
// inline script: data-submit-bij-wijziging submits a select's form on change; data-bevestig asks
// before a form is sent.
document.addEventListener("change", function (e) {
  var el = e.target;
  if (el && el.matches && el.matches("[data-submit-bij-wijziging]") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("submit", function (e) {
  var form = e.target;
  var vraag = form && form.getAttribute && form.getAttribute("data-bevestig");
  if (vraag && !window.confirm(vraag)) {
    e.preventDefault();
  }
});
