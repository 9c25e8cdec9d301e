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

/* The OSO module's few behaviours, in one static file (no inline scripts: the pages run under
   a Content-Security-Policy). Every page works without it; this only makes things easier. */
(function () {
  "use strict";

  // the school switcher in the top bar submits on change (its button is for no-JS)
  document.querySelectorAll("select[data-verstuur-bij-keuze]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // "Alles selecteren" on lists with selection checkboxes
  document.querySelectorAll("input[data-selecteer-alles]").forEach(function (alles) {
    var naam = alles.getAttribute("data-selecteer-alles");
    var vakjes = function () {
      return alles.form.querySelectorAll('input[type=checkbox][name="' + naam + '"]');
    };
    alles.addEventListener("change", function () {
      vakjes().forEach(function (v) { v.checked = alles.checked; });
    });
    alles.form.addEventListener("change", function (e) {
      if (e.target === alles || e.target.name !== naam) return;
      var lijst = Array.prototype.slice.call(vakjes());
      alles.checked = lijst.length > 0 && lijst.every(function (v) { return v.checked; });
    });
  });

  // bulk binnen-brin: follow the background run and move the progress bar
  var bulk = document.getElementById("bulk");
  if (bulk && bulk.getAttribute("data-afgerond") !== "1") {
    var url = bulk.getAttribute("data-voortgang-url");
    var balk = document.getElementById("bulk-voortgang");
    var zet = function (id, waarde) {
      var el = document.getElementById(id);
      if (el) el.textContent = waarde;
    };
    var volgende = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (v) {
          balk.max = v.totaal || 1;
          balk.value = v.totaal ? v.verwerkt : 1;
          zet("bulk-verwerkt", v.verwerkt);
          zet("bulk-procent", v.procent);
          if (v.afgerond) { window.location.reload(); } else { window.setTimeout(volgende, 700); }
        })
        .catch(function () { window.setTimeout(volgende, 2000); });
    };
    window.setTimeout(volgende, 500);
  }

  // vervolgschool / school van herkomst: choosing a known school fills in its name
  document.querySelectorAll("input[data-scholen]").forEach(function (brin) {
    var lijst = document.getElementById(brin.getAttribute("list"));
    var naamVeld = document.getElementById(brin.getAttribute("data-naamveld"));
    brin.addEventListener("change", function () {
      var waarde = brin.value.trim().toUpperCase();
      brin.value = waarde;
      if (!lijst || !naamVeld) return;
      lijst.querySelectorAll("option").forEach(function (o) {
        if (o.value === waarde && o.getAttribute("data-naam")) naamVeld.value = o.getAttribute("data-naam");
      });
    });
  });
})();
