// Small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  source.select();
  navigator.clipboard?.writeText(source.value).then(() => {
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1800);
  });
});

document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// The signup form sends the browser's time zone so dates are right from the start.
const zoneField = document.querySelector("input[name='time_zone'][type='hidden']");
if (zoneField && !zoneField.value) {
  zoneField.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
}
