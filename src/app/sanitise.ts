/**
 * The one HTML sanitiser (issue 5): DOMPurify with an explicit allow-list. Content packs' rich
 * text goes through it before it is stored (app/content.ts) and again before it is rendered
 * (ui/components/RichText.svelte), so a row written by an older or tampered build is still safe.
 *
 * Allowed: b, i, em, strong, sup, sub, br, p, ul, ol, li, code — and no attributes at all, so no
 * links, images, styles, classes, ids, event handlers or URLs of any kind. SVG and MathML are not
 * in the list (DOMPurify also drops foreign content it cannot place). Text inside a removed tag is
 * kept as text, except inside script/style/template-like elements, whose content is dropped.
 *
 * DOMPurify needs a DOM: the browser's own window here. In Node, the GIFT import's CLI and tests
 * give it jsdom's (lab/lib/node-sanitiser.ts, a dev dependency); the content-pack sanitiser tests
 * run in Chromium (tests/e2e/content.e2e.ts).
 */
import DOMPurify from 'dompurify';
import type { Config, WindowLike } from 'dompurify';

export const RICH_TAGS = [
  'b',
  'i',
  'em',
  'strong',
  'sup',
  'sub',
  'br',
  'p',
  'ul',
  'ol',
  'li',
  'code',
] as const;

const CONFIG: Config = {
  ALLOWED_TAGS: [...RICH_TAGS],
  ALLOWED_ATTR: [],
  // DOMPurify keeps `is` (customised built-ins) whatever ALLOWED_ATTR says; the fuzzer found it.
  FORBID_ATTR: ['is', 'style', 'class', 'id', 'href', 'src', 'xlink:href', 'action', 'formaction'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_XML: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
  RETURN_TRUSTED_TYPE: false,
  KEEP_CONTENT: true,
  FORBID_CONTENTS: [
    'script',
    'style',
    'template',
    'noscript',
    'noembed',
    'noframes',
    'iframe',
    'xmp',
    'svg',
    'math',
    'textarea',
    'title',
    'select',
    'option',
  ],
  USE_PROFILES: false,
};

export type Sanitise = (html: string) => string;

/** A sanitiser bound to a window (the page's, or a test's). Throws if that window has no usable DOM. */
export function createSanitiser(win: WindowLike): Sanitise {
  const purify = DOMPurify(win);
  if (!purify.isSupported) throw new Error('DOMPurify: this environment has no usable DOM');
  // DOMPurify cannot take `is` off an element: it can only blank it (`is=""`), and removing the
  // attribute makes the serialiser write the element's original "is value" back. So every
  // element is rebuilt fresh in an inert document, with its children and nothing else.
  const rebuild = (html: string): string => {
    const doc = (win.document as Document).implementation.createHTMLDocument('');
    const box = doc.createElement('div');
    box.innerHTML = html;
    // getElementsByTagName, not querySelectorAll: the same elements in the same order, but
    // jsdom's selector engine keeps every queried document alive (the CLI, issue 12, leaked
    // ~110 kB per call and slowed down quadratically).
    for (const el of [...box.getElementsByTagName('*')].reverse()) {
      const fresh = doc.createElement(el.localName);
      while (el.firstChild) fresh.append(el.firstChild);
      el.replaceWith(fresh);
    }
    return box.innerHTML;
  };
  return (html: string): string => {
    // Sanitise to a fixed point: a string that changes again on a second pass (mutation XSS
    // through re-parsing) is reduced until it is stable, so what is stored renders as stored.
    let out = rebuild(String(purify.sanitize(html, CONFIG)));
    for (let i = 0; i < 3; i++) {
      const again = rebuild(String(purify.sanitize(out, CONFIG)));
      if (again === out) return out;
      out = again;
    }
    // Never stable: give up on markup and keep only the text.
    // An inert document: nothing parsed into it loads or runs.
    const d = (win.document as Document).implementation.createHTMLDocument('').createElement('div');
    d.innerHTML = out;
    return (d.textContent ?? '').replace(
      /[<>&]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c,
    );
  };
}

let shared: Sanitise | undefined;

/** The page's sanitiser (created on first use). */
export function sanitiseHtml(html: string): string {
  shared ??= createSanitiser(window);
  return shared(html);
}
