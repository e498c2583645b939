// Readies the browser's Intl data while the app's code is still downloading. The first number,
// date and plural formatter a page builds each load their locale tables: 20-40 ms apiece at
// full speed, a long task on a slow phone in the middle of drawing a forecast. Here the main
// thread is idle, waiting for the network. One formatter per task; loaded `async` by
// index.html, so it never holds up the app, and the app works the same without it.
(() => {
  const steps = [
    () => new Intl.NumberFormat().format(1.5),
    () => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(0),
    () => new Intl.PluralRules().select(1),
  ];
  const next = () => {
    steps.shift()?.();
    if (steps.length > 0) setTimeout(next, 0);
  };
  if (typeof Intl === 'object') next();
})();
