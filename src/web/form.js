// Shared by the server-rendered pages: posts a form as JSON and shows the server's problem
// details next to the fields they name (an element with id `<field>-error`).
const showErrors = (form, problem) => {
  for (const node of form.querySelectorAll('.error')) node.textContent = '';
  const unplaced = [];
  for (const { field, message } of problem.errors ?? []) {
    const slot = document.getElementById(`${field}-error`);
    if (slot) slot.textContent = message; else unplaced.push(`${field} ${message}`);
  }
  const summary = problem.errors?.length ? unplaced.join('; ') : problem.detail ?? problem.title;
  document.getElementById('form-error').textContent =
    summary ? `${summary}${problem.request_id ? ` (request ${problem.request_id})` : ''}` : '';
};

// On submit, posts the form's fields plus `extra` to `url`; on success hides the form and
// shows the element with id `done`.
export const bindForm = (form, url, extra) => {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...extra, ...data }),
      });
      if (response.ok) {
        form.hidden = true;
        document.getElementById('done').hidden = false;
      } else {
        showErrors(form, await response.json());
      }
    } catch (error) {
      showErrors(form, { detail: `The server could not be reached: ${error.message}` });
    } finally {
      button.disabled = false;
    }
  });
};
