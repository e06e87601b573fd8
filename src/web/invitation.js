// Accepting an invitation by creating an account: posts the form with the token from this
// page's URL fragment.
import { bindForm } from './form.js';

const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
history.replaceState(null, '', window.location.pathname);
bindForm(document.getElementById('invitation'), '/api/v1/invitations/register', { token });
