// The print pages: a button for the browser's own Print dialog. Without scripts the page says
// how to print it, and the button stays hidden.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
