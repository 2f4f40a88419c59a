import { describe, expect, it } from 'vitest';
import { Sounds, type AudioContextConstructor, type AudioContextLike } from './sounds';
import { MAX_GAIN, SOUNDS, soundLength, type SoundKind } from './tones';

/** A stand-in AudioContext that records what is played. */
function fakeAudio() {
  const log = { created: 0, started: [] as number[], resumed: 0, closed: 0 };
  const param = () => ({
    value: 0,
    setValueAtTime: () => undefined,
    linearRampToValueAtTime: () => undefined,
    exponentialRampToValueAtTime: () => undefined,
  });
  class FakeContext {
    currentTime = 1;
    state = 'suspended';
    destination = {};
    constructor() {
      log.created += 1;
    }
    createOscillator() {
      const frequency = param();
      return {
        type: 'sine',
        frequency,
        connect: () => undefined,
        start: () => log.started.push(frequency.value),
        stop: () => undefined,
      };
    }
    createGain() {
      return { gain: param(), connect: () => undefined };
    }
    resume() {
      log.resumed += 1;
      return Promise.resolve();
    }
    close() {
      log.closed += 1;
      return Promise.resolve();
    }
  }
  // The stand-in has only what the player uses; the player's type names exactly that.
  const ctor: AudioContextConstructor = FakeContext as unknown as new () => AudioContextLike;
  return { ctor, log };
}

describe('feedback sounds', () => {
  it('play nothing while switched off, and create no audio context', () => {
    const { ctor, log } = fakeAudio();
    const s = new Sounds({ audioContext: ctor, activated: () => true });
    expect(s.play('correct')).toBe(false);
    expect(log.created).toBe(0);
  });

  it('play nothing before the person has touched the page, even when switched on', () => {
    const { ctor, log } = fakeAudio();
    let touched = false;
    const s = new Sounds({ audioContext: ctor, activated: () => touched });
    s.enabled = true;
    expect(s.play('goal')).toBe(false);
    expect(log.created).toBe(0);
    touched = true;
    expect(s.play('goal')).toBe(true);
    expect(log.started).toEqual(SOUNDS.goal.map((t) => t.freq));
  });

  it('use one audio context for every sound, resume it, and release it', () => {
    const { ctor, log } = fakeAudio();
    const s = new Sounds({ audioContext: ctor, activated: () => true });
    s.enabled = true;
    s.play('correct');
    s.play('mastered');
    expect(log.created).toBe(1);
    expect(log.resumed).toBe(2);
    expect(log.started).toHaveLength(SOUNDS.correct.length + SOUNDS.mastered.length);
    s.close();
    expect(log.closed).toBe(1);
  });

  it('never throw where there is no Web Audio, or where it refuses', () => {
    const none = new Sounds({ audioContext: null, activated: () => true });
    none.enabled = true;
    expect(none.play('correct')).toBe(false);
    const refusing = new Sounds({
      audioContext: class {
        constructor() {
          throw new Error('NotAllowedError');
        }
      } as unknown as AudioContextConstructor,
      activated: () => true,
    });
    refusing.enabled = true;
    expect(() => refusing.play('mastered')).not.toThrow();
    expect(refusing.play('mastered')).toBe(false);
    // Node has no AudioContext at all: the default finds none and stays silent.
    const platform = new Sounds();
    platform.enabled = true;
    expect(platform.play('goal')).toBe(false);
  });

  it('are short and quiet, within a child’s hearing comfort', () => {
    for (const kind of Object.keys(SOUNDS) as SoundKind[]) {
      expect(soundLength(kind)).toBeLessThanOrEqual(1);
      for (const t of SOUNDS[kind]) {
        expect(t.gain).toBeGreaterThan(0);
        expect(t.gain).toBeLessThanOrEqual(MAX_GAIN);
        expect(t.freq).toBeGreaterThanOrEqual(200);
        expect(t.freq).toBeLessThanOrEqual(1200);
      }
    }
    // Each sound is longer than the one before: a star is more than a right answer, a goal more.
    expect(soundLength('correct')).toBeLessThan(soundLength('mastered'));
    expect(soundLength('mastered')).toBeLessThan(soundLength('goal'));
  });
});
