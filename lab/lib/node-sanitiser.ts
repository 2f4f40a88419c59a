/**
 * The app's sanitiser (src/app/sanitise.ts: DOMPurify with Lantern's allow-list) in Node, over
 * jsdom's DOM: the CLI and the Node tests sanitise exactly as the browser does. jsdom is the DOM
 * DOMPurify itself is tested on in Node.
 */
import { JSDOM } from 'jsdom';
import { createSanitiser, type Sanitise } from '../../src/app/sanitise';

export function nodeSanitiser(): Sanitise {
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>');
  return createSanitiser(window);
}
