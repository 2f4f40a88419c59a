/**
 * The part of core/xapi.ts the storage layer needs in the first load: statement ids and the
 * voiding statement that deleting a learner queues (storage/outbox.ts). The other builders load
 * only with an LRS configured.
 */
import { uuidV5 } from './uuid';

export const XAPI_VERSION = '1.0.3';

export type StatementKind = 'answered' | 'mastered' | 'session' | 'placement' | 'voided';

export interface XapiAgent {
  readonly objectType: 'Agent';
  readonly name?: string;
  readonly account: { readonly homePage: string; readonly name: string };
}

export const VOIDED = {
  id: 'http://adlnet.gov/expapi/verbs/voided',
  display: { en: 'voided', 'zh-CN': '作废了' },
} as const;

/** The statement id of one event: a v5 UUID of the attempt's (or target's) id and the kind. */
export function statementId(kind: StatementKind, sourceId: string): string {
  return uuidV5(kind === 'answered' ? sourceId : `${sourceId}/${kind}`);
}

export interface VoidingStatement {
  readonly id: string;
  readonly actor: XapiAgent;
  readonly verb: typeof VOIDED;
  readonly object: { readonly objectType: 'StatementRef'; readonly id: string };
  readonly timestamp: string;
  readonly version: string;
}

/**
 * Voids a statement already sent (its learner was deleted on the device). The actor is the
 * voided statement's own (an opaque account), so nothing more is said about the learner.
 */
export function voidingStatement(actor: XapiAgent, target: string, at: number): VoidingStatement {
  return {
    id: statementId('voided', target),
    actor: { objectType: 'Agent', account: actor.account },
    verb: VOIDED,
    object: { objectType: 'StatementRef', id: target },
    timestamp: new Date(at).toISOString(),
    version: XAPI_VERSION,
  };
}
