/**
 * Reading a teacher's content file (issue 5): parse (core/content-pack-schema.ts, valibot) and
 * sanitise. Loaded only with an import (ContentService.importText), so the schema library stays
 * out of the app's first load; the course side of content packs is app/content.ts.
 */
import type { ContentPack } from '../core/content-pack';
import { sanitiseContentPack } from '../core/content-pack';
import { parseContentPack } from '../core/content-pack-schema';
import { mathsCourse, STRANDS } from '../content/maths';
import type { Sanitise } from './sanitise';

/** Parse and sanitise: the pack exactly as it would be stored. Throws ValidationError (content.*). */
export function readContentPack(text: string, sanitise: Sanitise): ContentPack {
  const pack = parseContentPack(text, { bundled: mathsCourse.skills, strands: STRANDS });
  return sanitiseContentPack(pack, sanitise);
}
