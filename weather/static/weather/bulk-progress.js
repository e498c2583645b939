// Live progress of a bulk refresh on its admin page: polls the task-status endpoint.
(function () {
  'use strict';
  const ended = ['SUCCESS', 'CANCELLED', 'FAILURE'];

  function follow() {
    const bar = document.querySelector('[data-refresh-status-url]');
    if (!bar) return;
    const label = document.getElementById('refresh-progress-label');

    function show(body) {
      const p = body.progress;
      if (!p) return true;
      bar.max = p.total;
      bar.value = p.done + p.failed.length;
      label.textContent =
        body.state + ': ' + p.done + ' / ' + p.total + ' refreshed, ' + p.failed.length + ' failed';
      return ended.includes(body.state);
    }

    function poll() {
      fetch(bar.dataset.refreshStatusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((response) => response.json())
        .then((body) => {
          if (!show(body)) setTimeout(poll, 1000);
        })
        .catch(() => setTimeout(poll, 3000));
    }
    poll();
  }

  // The admin loads this script in <head>: start once the page's body is there.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', follow);
  else follow();
})();
