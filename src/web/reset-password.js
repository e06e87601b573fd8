// Password reset: posts the new password with the token from this page's URL fragment.
import { bindForm } from './form.js';

const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
// Keep the token out of the history and of anything that reads the address later.
history.replaceState(null, '', window.location.pathname);
bindForm(document.getElementById('reset'), '/api/v1/auth/password/reset', { token });
