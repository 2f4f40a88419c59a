import { SOUNDS, type SoundKind } from './tones';

/** What the player needs of an AudioContext (the real one, or a test's stand-in). */
export type AudioContextLike = Pick<
  AudioContext,
  'createOscillator' | 'createGain' | 'currentTime' | 'destination' | 'state' | 'resume' | 'close'
>;
export type AudioContextConstructor = new () => AudioContextLike;

/** The platform's AudioContext, or undefined where there is none (old browsers, Node, tests). */
function platformAudioContext(): AudioContextConstructor | undefined {
  const g: { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor } =
    globalThis;
  return g.AudioContext ?? g.webkitAudioContext;
}

/** Whether the person has interacted with the page (a tap, a click, a key): autoplay rules. */
function platformActivated(): boolean {
  if (typeof navigator === 'undefined') return false;
  const ua = navigator.userActivation;
  return ua ? ua.hasBeenActive : true;
}

/**
 * Gentle feedback sounds, generated with the Web Audio API (tones.ts). Off unless `enabled` (the
 * learner's switch in Settings). The AudioContext is created only when a sound is to be played,
 * never before the person has touched the page, and every failure (no Web Audio, a refused
 * context) is silent: a sound is a nicety, never a reason for an error.
 */
export class Sounds {
  enabled = false;
  #ctor: AudioContextConstructor | undefined;
  #activated: () => boolean;
  #ctx: AudioContextLike | null = null;

  constructor(opts: { audioContext?: AudioContextConstructor | null; activated?: () => boolean } = {}) {
    this.#ctor = opts.audioContext === undefined ? platformAudioContext() : (opts.audioContext ?? undefined);
    this.#activated = opts.activated ?? platformActivated;
  }

  /** Play one of the sounds; returns whether it was started. */
  play(kind: SoundKind): boolean {
    if (!this.enabled || !this.#ctor || !this.#activated()) return false;
    try {
      this.#ctx ??= new this.#ctor();
      const ctx = this.#ctx;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      const start = ctx.currentTime + 0.02;
      for (const tone of SOUNDS[kind]) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = tone.freq;
        const t0 = start + tone.at;
        const t1 = t0 + tone.duration;
        // A soft attack and an exponential fade: no click at either end.
        gain.gain.setValueAtTime(0.0001, t0);
        gain.gain.linearRampToValueAtTime(tone.gain, t0 + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, t1);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(t0);
        osc.stop(t1 + 0.02);
      }
      return true;
    } catch {
      return false;
    }
  }

  /** Release the audio device (the screen is gone). */
  close(): void {
    const ctx = this.#ctx;
    this.#ctx = null;
    if (ctx) void ctx.close().catch(() => undefined);
  }
}
