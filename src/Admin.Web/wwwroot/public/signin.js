import { api, refreshToken } from '/public/api.js';

const form = document.getElementById('signin-form');
const error = document.getElementById('signin-error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  try {
    await refreshToken();
    await api('POST', '/api/session', {
      name: document.getElementById('name').value,
      password: document.getElementById('password').value,
    });
    window.location.assign('/');
  } catch (e) {
    error.textContent = e.message;
  }
});
