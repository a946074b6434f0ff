// slowfast pages: the copy buttons, and inside a Telegram Mini App, who is reading.
// Served from this server ('self'), the only script the Content-Security-Policy allows.
'use strict';

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button.copy') : null;
  if (!button) return;
  const code = button.parentElement && button.parentElement.querySelector('code');
  if (!code) return;
  const label = button.textContent;
  const done = () => {
    button.textContent = button.getAttribute('data-copied') || 'Copied';
    button.classList.add('copied');
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('copied');
    }, 2000);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code.textContent || '').then(done, () => selectCode(code));
  else selectCode(code);
});

// Without clipboard access (plain http, an old webview) the code is selected for a manual copy.
function selectCode(code) {
  const range = document.createRange();
  range.selectNodeContents(code);
  const selection = window.getSelection();
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
}

// Telegram opens a Mini App with its signed initData in the address fragment (tgWebAppData). The
// server checks it (POST /webapp/session) and answers with this learner's signed roadmap link.
(function miniApp() {
  const slot = document.getElementById('learner');
  if (!slot) return;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const initData = fragment.get('tgWebAppData');
  if (!initData) return;
  fetch('/webapp/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ initData }) })
    .then((r) => (r.ok ? r.json() : null))
    .then((session) => {
      if (!session || !session.roadmap) return;
      const link = document.createElement('a');
      link.href = session.roadmap;
      link.textContent = slot.getAttribute('data-label') || 'Your roadmap';
      slot.appendChild(link);
      slot.hidden = false;
    })
    .catch(() => {});
})();
