// The platform's only script besides htmx. The Content Security Policy forbids inline script and
// on*= handlers, so small behaviours are declared with data attributes and bound here:
//   <button data-print>          prints the page
//   <select data-autosubmit>     submits its form when changed (the form also has a submit button)
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});
//   <button data-geolocate data-latitude=ID data-longitude=ID data-status=ID data-wait data-done data-fail hidden>
//                               fills two coordinate inputs from the phone's Geolocation API; shown only when the
//                               browser has it (the inputs can always be typed, and the address stays required)
(function () {
  if (!("geolocation" in navigator)) {
    return;
  }
  document.querySelectorAll("[data-geolocate]").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-geolocate]");
    if (!button) {
      return;
    }
    event.preventDefault();
    var status = document.getElementById(button.dataset.status);
    var say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    say(button.dataset.wait);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById(button.dataset.latitude).value = position.coords.latitude.toFixed(6);
        document.getElementById(button.dataset.longitude).value = position.coords.longitude.toFixed(6);
        showMapLinks();
        say(button.dataset.done);
      },
      function () {
        say(button.dataset.fail);
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
//   <a data-map-link data-latitude=ID data-longitude=ID hidden>
//                               shown, pointing at the typed or located point on OpenStreetMap, once both coordinate
//                               inputs hold a number (a plain link: no map tiles are loaded by our pages, the CSP
//                               allows only our own files and the platform must work on a closed network)
function showMapLinks() {
  document.querySelectorAll("[data-map-link]").forEach(function (link) {
    var latitude = parseFloat(document.getElementById(link.dataset.latitude).value);
    var longitude = parseFloat(document.getElementById(link.dataset.longitude).value);
    if (isFinite(latitude) && isFinite(longitude)) {
      link.href =
        "https://www.openstreetmap.org/?mlat=" + latitude + "&mlon=" + longitude +
        "#map=18/" + latitude + "/" + longitude;
      link.hidden = false;
    } else {
      link.hidden = true;
    }
  });
}
document.addEventListener("input", function (event) {
  if (event.target.closest("input[inputmode=decimal]")) {
    showMapLinks();
  }
});
showMapLinks();
