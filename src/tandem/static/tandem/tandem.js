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

// Sign-up preselects the browser's time zone, so dates are right from the start.
const zoneChoice = document.querySelector("select[data-browser-zone]");
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zoneChoice && browserZone && zoneChoice.querySelector(`option[value="${CSS.escape(browserZone)}"]`)) {
  zoneChoice.value = browserZone;
}

// Native date pickers write the date in the browser's locale (12/01/2026); beside each one,
// the chosen date in Tandem's own words ("Tue 1 Dec"), as everywhere else.
const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayInWords(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return "";
  const day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  const words = `${DAY_NAMES[day.getUTCDay()]} ${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]}`;
  return day.getUTCFullYear() === new Date().getFullYear() ? words : `${words} ${day.getUTCFullYear()}`;
}

function showDaysInWords(root) {
  for (const input of root.querySelectorAll?.("input[type='date']") ?? []) {
    if (input.dataset.words) continue;
    input.dataset.words = "1";
    const words = document.createElement("span");
    words.className = "day-words";
    words.setAttribute("aria-hidden", "true");
    input.after(words);
    const update = () => { words.textContent = dayInWords(input.value); };
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  }
}
showDaysInWords(document);
document.addEventListener("htmx:load", (event) => showDaysInWords(event.detail.elt));

// On a phone the partnership's sections scroll sideways: bring the current one into view.
function revealCurrentSection() {
  const list = document.querySelector(".sidenav ul");
  const current = list?.querySelector("[aria-current='page']");
  if (!current || list.scrollWidth <= list.clientWidth) return;
  const box = list.getBoundingClientRect();
  const item = current.getBoundingClientRect();
  list.scrollLeft += item.left - box.left - (box.width - item.width) / 2;
}
revealCurrentSection();
window.addEventListener("resize", revealCurrentSection);

// The workload page: pointing at an option shows the weeks ahead with that option applied.
document.addEventListener("htmx:load", (event) => watchOptions(event.detail.elt));
document.addEventListener("DOMContentLoaded", () => watchOptions(document));

function watchOptions(root) {
  for (const option of root.querySelectorAll?.("[data-option-index]") ?? []) {
    const panel = option.closest(".impact");
    const chart = panel?.querySelector("[data-option-chart]");
    const source = option.querySelector("template[data-option-svg]");
    if (!chart || !source || option.dataset.watched) continue;
    option.dataset.watched = "1";
    const caption = panel.querySelector("[data-option-caption]");
    const show = () => {
      chart.dataset.original ??= chart.innerHTML;
      chart.replaceChildren(source.content.cloneNode(true));
      if (caption) {
        caption.dataset.original ??= caption.textContent;
        caption.textContent = `The weeks ahead with option ${option.querySelector(".option-letter")?.textContent ?? ""}.`;
      }
    };
    const restore = () => {
      if (chart.dataset.original !== undefined) chart.innerHTML = chart.dataset.original;
      if (caption?.dataset.original !== undefined) caption.textContent = caption.dataset.original;
    };
    option.addEventListener("mouseenter", show);
    option.addEventListener("focusin", show);
    option.addEventListener("mouseleave", restore);
    option.addEventListener("focusout", restore);
  }
}

// A filter that applies as soon as it is chosen; its button stays for pages without scripts.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
});

// After moving a row from the keyboard the page reloads at that row: its button keeps the focus.
// The browser moves to the row's anchor once the page has loaded, so focus follows after that.
window.addEventListener("load", () => {
  const moved = document.querySelector(".plan-table [autofocus]");
  if (moved && document.activeElement !== moved) moved.focus();
});
