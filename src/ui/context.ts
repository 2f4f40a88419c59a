import { getContext, setContext } from 'svelte';
import type { I18n } from './i18n.svelte';
import type { Router } from './router.svelte';
import type { AdultState } from './state/adult.svelte';
import type { AppState } from './state/app.svelte';
import type { ModelState } from './state/model.svelte';

export interface UiContext {
  readonly app: AppState;
  readonly i18n: I18n;
  readonly router: Router;
  readonly model: ModelState;
  /** Whether the adult screens are unlocked (the adult passphrase). */
  readonly adult: AdultState;
}

const KEY = Symbol('lantern-ui');

export function provideUi(ctx: UiContext): void {
  setContext(KEY, ctx);
}

export function useUi(): UiContext {
  const ctx = getContext<UiContext | undefined>(KEY);
  if (!ctx) throw new Error('useUi() called outside App');
  return ctx;
}
