// Progressive enhancement only: every page works without this file.
// Forms marked data-confirm ask before submitting (e.g. sending a shortlist).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  // A second click while the first submit is on its way sends nothing (the server is idempotent anyway).
  if (form.dataset.submitted === 'true') event.preventDefault();
  form.dataset.submitted = 'true';
});
