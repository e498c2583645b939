// Registers /sw.js (loaded lazily, after the first paint: see update-prompt.tsx) and reports a
// new version waiting to take over. Accepting it makes the new worker take control, and the
// page reloads once it has, so page and worker come from the same build.
import { Workbox } from 'workbox-window';

export type UpdateReady = (accept: () => void) => void;

export async function registerServiceWorker(onUpdateReady: UpdateReady): Promise<void> {
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    onUpdateReady(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  await workbox.register();
}
