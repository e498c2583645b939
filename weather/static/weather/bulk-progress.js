// Live progress of a bulk refresh on its admin page: polls the task-status endpoint.
(function () {
  'use strict';
  const bar = document.querySelector('[data-refresh-status-url]');
  if (!bar) return;
  const label = document.getElementById('refresh-progress-label');
  const ended = ['SUCCESS', 'CANCELLED', 'FAILURE'];

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
})();
