import type { Locale } from '../../core/i18n';
import { pickVoice } from './spoken';

/**
 * Read-aloud with the device's own offline voice (Web Speech API). `available` is true only when
 * a voice that runs on the device (`localService`) speaks the interface language; otherwise the
 * button is not shown at all. Nothing is sent anywhere: network voices are never chosen.
 */
export class ReadAloud {
  available = $state(false);
  speaking = $state(false);
  #voice: SpeechSynthesisVoice | null = null;
  #locale: Locale;

  constructor(locale: Locale) {
    this.#locale = locale;
  }

  /** Watch the device's voices (they load asynchronously); returns the cleanup for an $effect. */
  start(): () => void {
    const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    if (!synth) return () => undefined;
    const update = (): void => {
      this.#voice = pickVoice(synth.getVoices(), this.#locale);
      this.available = this.#voice !== null;
    };
    update();
    synth.addEventListener?.('voiceschanged', update);
    return () => {
      synth.removeEventListener?.('voiceschanged', update);
      synth.cancel();
    };
  }

  /** Say `text` (stopping anything said before). */
  speak(text: string): void {
    if (!this.#voice || typeof speechSynthesis === 'undefined') return;
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.voice = this.#voice;
    u.lang = this.#voice.lang;
    u.rate = 0.9; // a little slower: for children who read slowly
    u.onend = () => (this.speaking = false);
    u.onerror = () => (this.speaking = false);
    this.speaking = true;
    speechSynthesis.speak(u);
  }

  stop(): void {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    this.speaking = false;
  }
}
