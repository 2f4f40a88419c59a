/** The core layer's one error type: carries an i18n message a user can act on. */
export class ValidationError extends Error {
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
  constructor(messageKey: string, params: Record<string, string | number> = {}, detail?: string) {
    super(detail ?? messageKey);
    this.name = 'ValidationError';
    this.messageKey = messageKey;
    this.params = params;
  }
}
