// Live progress of a bulk refresh on its admin page: polls the task-status endpoint, twice a
// second at first and then half as often after each answer (at most every 5 s), until the
// refresh has ended or its deadline has passed (plus a minute: the sweep that finishes it).
(function () {
  'use strict';
  const ended = ['SUCCESS', 'CANCELLED', 'FAILURE'];
  const sweepGraceMs = 60000;

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
      const pastDeadline = p.deadline_at && Date.now() > Date.parse(p.deadline_at) + sweepGraceMs;
      return ended.includes(body.state) || Boolean(pastDeadline);
    }

    let delay = 500;
    function again() {
      setTimeout(poll, delay);
      delay = Math.min(delay * 2, 5000);
    }

    function poll() {
      fetch(bar.dataset.refreshStatusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((response) => response.json())
        .then((body) => {
          if (!show(body)) again();
        })
        .catch(again);
    }
    poll();
  }

  // The admin loads this script in <head>: start once the page's body is there.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', follow);
  else follow();
})();
