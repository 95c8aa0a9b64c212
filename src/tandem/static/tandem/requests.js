// The follow-up builder: picking a question from the library puts its words in the question
// field, ready to edit. Without scripts the server reads the pick the same way.
document.addEventListener("change", (event) => {
  const picked = event.target.closest("input[name='question_key'][data-question]");
  if (!picked) return;
  const text = picked.form?.querySelector("[data-question-text]");
  if (text) text.value = picked.dataset.question;
});
