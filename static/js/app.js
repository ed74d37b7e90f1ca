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
