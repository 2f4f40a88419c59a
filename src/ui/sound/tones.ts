/**
 * The feedback sounds, as notes: short, quiet sine tones rising in a major chord, made on the
 * device with the Web Audio API (sounds.ts). No audio file, nothing fetched. A wrong answer has
 * no sound: feedback on a mistake is written, never a buzzer.
 */
export type SoundKind = 'correct' | 'mastered' | 'goal';

export interface Tone {
  /** Hz. */
  readonly freq: number;
  /** Seconds after the sound starts. */
  readonly at: number;
  /** Seconds. */
  readonly duration: number;
  /** Peak gain, 0–1; kept low (a tablet's speaker at full volume is loud). */
  readonly gain: number;
}

const C5 = 523.25;
const E5 = 659.25;
const G5 = 783.99;
const C6 = 1046.5;

/** The loudest any tone gets. */
export const MAX_GAIN = 0.12;

export const SOUNDS: Readonly<Record<SoundKind, readonly Tone[]>> = {
  // Two soft notes, up a third: "right!"
  correct: [
    { freq: C5, at: 0, duration: 0.12, gain: 0.08 },
    { freq: E5, at: 0.1, duration: 0.18, gain: 0.08 },
  ],
  // A new star: the chord, up to the octave.
  mastered: [
    { freq: C5, at: 0, duration: 0.12, gain: 0.09 },
    { freq: E5, at: 0.1, duration: 0.12, gain: 0.09 },
    { freq: G5, at: 0.2, duration: 0.12, gain: 0.09 },
    { freq: C6, at: 0.3, duration: 0.35, gain: MAX_GAIN },
  ],
  // Today's goal: the chord twice, the last note held.
  goal: [
    { freq: G5, at: 0, duration: 0.1, gain: 0.08 },
    { freq: C6, at: 0.09, duration: 0.1, gain: 0.08 },
    { freq: C5, at: 0.2, duration: 0.12, gain: 0.09 },
    { freq: E5, at: 0.3, duration: 0.12, gain: 0.09 },
    { freq: G5, at: 0.4, duration: 0.12, gain: 0.09 },
    { freq: C6, at: 0.5, duration: 0.45, gain: MAX_GAIN },
  ],
};

/** How long a sound lasts, in seconds. */
export function soundLength(kind: SoundKind): number {
  return Math.max(...SOUNDS[kind].map((t) => t.at + t.duration));
}
