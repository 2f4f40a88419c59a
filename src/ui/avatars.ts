import { AVATAR_EMOJI } from '../app/lantern';

/** Avatar id (stored) → emoji (shown). Young children pick a picture instead of typing. */
export function avatarEmoji(id: string): string {
  return AVATAR_EMOJI[id] ?? '🙂';
}
