import { Workbox } from 'workbox-window';

/**
 * Service-worker lifecycle. A new build waits until the learner chooses to reload,
 * so code is never swapped under someone mid-exercise.
 */
export class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  #wb: Workbox | null = null;

  /** Register the service worker and watch connectivity; returns the cleanup for an $effect. */
  start(): () => void {
    const setOnline = () => (this.online = navigator.onLine);
    addEventListener('online', setOnline);
    addEventListener('offline', setOnline);
    if (import.meta.env.PROD && 'serviceWorker' in navigator) {
      const wb = new Workbox('/sw.js', { scope: '/' });
      wb.addEventListener('waiting', () => (this.needRefresh = true));
      // An update the learner chose to apply took control: reload into the new code. The first
      // install also takes control (clientsClaim) but changes no code: no reload then.
      wb.addEventListener('controlling', (e) => {
        if (e.isUpdate) location.reload();
        else this.offlineReady = true;
      });
      // "Ready offline" only once a service worker controls this page: before that, a screen
      // loaded lazily would still need the network.
      wb.addEventListener('activated', () => {
        if (navigator.serviceWorker.controller) this.offlineReady = true;
      });
      void wb.register().then(() => {
        if (navigator.serviceWorker.controller) this.offlineReady = true;
      });
      this.#wb = wb;
    }
    return () => {
      removeEventListener('online', setOnline);
      removeEventListener('offline', setOnline);
    };
  }

  /** Activate the waiting service worker; the page reloads when it takes control. */
  update(): void {
    this.#wb?.messageSkipWaiting();
  }

  dismiss(): void {
    this.needRefresh = false;
  }
}
