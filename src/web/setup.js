// First-run setup: posts the form with the token from this page's URL to /api/v1/setup and
// shows the server's problem details next to the fields they name.
const form = document.getElementById('setup');
const token = new URLSearchParams(window.location.search).get('token') ?? '';

const showErrors = (problem) => {
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

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch('/api/v1/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, ...data }),
    });
    if (response.ok) {
      form.hidden = true;
      document.getElementById('done').hidden = false;
    } else {
      showErrors(await response.json());
    }
  } catch (error) {
    showErrors({ detail: `The server could not be reached: ${error.message}` });
  } finally {
    button.disabled = false;
  }
});
