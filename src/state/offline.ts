// Registers the service worker that precaches the built app, so after a first visit the app
// opens and runs its sample notebook with the network off (dist/sw.js is written at build time).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("./sw.js").catch(() => {
    /* offline use is a bonus: the app works without it */
  });
}
