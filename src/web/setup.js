// First-run setup: posts the form with the token from this page's URL to /api/v1/setup.
import { bindForm } from './form.js';

const token = new URLSearchParams(window.location.search).get('token') ?? '';
bindForm(document.getElementById('setup'), '/api/v1/setup', { token });
