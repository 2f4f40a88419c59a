/** Hash routes: they survive an offline reload (the service worker serves index.html for any path). */
export type Route =
  | { name: 'picker' }
  | { name: 'create' }
  | { name: 'pin'; learnerId: string }
  | { name: 'practice' }
  | { name: 'progress' }
  | { name: 'settings' }
  | { name: 'data' }
  /** An adult edits a learner (nickname, picture, PIN, delete). */
  | { name: 'learner'; learnerId: string }
  | { name: 'teacher' }
  /** The teacher makes a printable worksheet. */
  | { name: 'worksheet' }
  /** The teacher's page about one learner: history, focus, forecasts, habits. */
  | { name: 'learnerPage'; learnerId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  switch (parts[0]) {
    case 'new':
      return { name: 'create' };
    case 'pin':
      return parts[1] ? { name: 'pin', learnerId: decodeURIComponent(parts[1]) } : { name: 'picker' };
    case 'practice':
      return { name: 'practice' };
    case 'progress':
      return { name: 'progress' };
    case 'settings':
      return { name: 'settings' };
    case 'data':
      return { name: 'data' };
    case 'teacher':
      if (parts[1] === 'worksheet') return { name: 'worksheet' };
      if (parts[1] === 'learner' && parts[2]) {
        return { name: 'learnerPage', learnerId: decodeURIComponent(parts[2]) };
      }
      return { name: 'teacher' };
    case 'learner':
      return parts[1] ? { name: 'learner', learnerId: decodeURIComponent(parts[1]) } : { name: 'data' };
    default:
      return { name: 'picker' };
  }
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'picker':
      return '#/';
    case 'create':
      return '#/new';
    case 'pin':
      return `#/pin/${encodeURIComponent(route.learnerId)}`;
    case 'learner':
      return `#/learner/${encodeURIComponent(route.learnerId)}`;
    case 'worksheet':
      return '#/teacher/worksheet';
    case 'learnerPage':
      return `#/teacher/learner/${encodeURIComponent(route.learnerId)}`;
    default:
      return `#/${route.name}`;
  }
}

export class Router {
  route = $state<Route>({ name: 'picker' });

  constructor() {
    if (typeof location !== 'undefined') this.route = parseRoute(location.hash);
  }

  /**
   * Subscribe to back/forward; returns the cleanup for an $effect. Each change is read from its own
   * event (`newURL`), not from the address now: when two changes come before the first is handled,
   * both routes are still passed through in order, so leaving an adult screen for a child's one
   * locks it (App.svelte) however briefly the child's screen was the route.
   */
  listen(): () => void {
    const onHash = (e: HashChangeEvent) => {
      const at = e.newURL.indexOf('#');
      this.route = parseRoute(at < 0 ? '' : e.newURL.slice(at));
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }

  go(route: Route): void {
    this.route = route;
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
  }
}
