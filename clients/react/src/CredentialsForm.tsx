import { type FormEvent, useId, useRef, useState } from 'react';
import type { KeywayError } from '@keyway/connect';
import type { AuthField, AuthMethod, Connector } from './sdk';
import { userMessage } from './messages';

export interface CredentialsFormProps {
  connector: Connector;
  /** The connector's form methods (API key, basic, client credentials); more than one → a choice first. */
  methods: AuthMethod[];
  /** Sends the fields; rejects with a KeywayError. */
  submit: (authMethod: string, fields: Record<string, string>, connectionConfig: Record<string, string>) => Promise<unknown>;
}

/**
 * The form for one connector's credentials. Inputs are uncontrolled: what the user types stays in
 * the DOM, is read once on submit and never kept in React state; secret fields are emptied after a
 * rejection, as the hosted portal does.
 */
export function CredentialsForm({ connector, methods, submit }: CredentialsFormProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [methodId, setMethodId] = useState(methods[0]?.id);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const method = methods.find((m) => m.id === methodId) ?? methods[0];
  if (!method) return null;

  const fieldId = (f: AuthField) => `${id}-${method.id}-${f.name}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = form.current;
    if (!element || busy) return;
    const data = new FormData(element);
    const fields: Record<string, string> = {};
    const config: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const f of method.fields) {
      const value = String(data.get(f.name) ?? '');
      const trimmed = f.secret ? value : value.trim();
      if (!trimmed.trim()) {
        if (f.required !== false) errors[f.name] = `Enter the ${inSentence(f.label)}.`;
        continue; // an optional field left empty is not sent
      }
      if (f.pattern && (f.config || f.type) && !matches(f.pattern, trimmed)) {
        errors[f.name] = f.example ? `This doesn't look right: for example ${f.example}.` : "This doesn't look right.";
      } else if (f.type === 'number' && !/^-?\d+(\.\d+)?$/.test(trimmed)) {
        errors[f.name] = 'Enter a number.';
      } else if (f.type === 'pem' && !trimmed.includes('-----BEGIN ')) {
        errors[f.name] = 'Paste the PEM text, from -----BEGIN to -----END.';
      }
      (f.config ? config : fields)[f.name] = trimmed;
    }
    setFieldErrors(errors);
    const firstInvalid = method.fields.find((f) => errors[f.name]);
    if (firstInvalid) {
      setFormError(null);
      document.getElementById(fieldId(firstInvalid))?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await submit(method.id, fields, config);
      element.reset();
    } catch (e) {
      const error = e as KeywayError;
      setFormError(userMessage(error, connector.displayName));
      for (const f of method.fields) {
        const input = element.elements.namedItem(f.name);
        if (f.secret && (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) input.value = '';
      }
      const retry = method.fields.find((f) => f.secret) ?? method.fields[0];
      if (retry) document.getElementById(fieldId(retry))?.focus();
    } finally {
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  return (
    <form ref={form} className="keyway-form" noValidate onSubmit={onSubmit}>
      {methods.length > 1 && (
        <fieldset className="keyway-methods">
          <legend>How do you want to connect?</legend>
          {methods.map((m) => (
            <label key={m.id} className="keyway-method">
              <input type="radio" name={`${id}-method`} value={m.id} checked={m.id === method.id}
                onChange={() => { setMethodId(m.id); setFieldErrors({}); setFormError(null); }} />
              {m.label}
            </label>
          ))}
        </fieldset>
      )}
      {(method.fields).map((f) => {
        const helpId = `${fieldId(f)}-help`;
        const fieldErrorId = `${fieldId(f)}-error`;
        const help = [f.help, f.config && f.example ? `For example ${f.example}` : null].filter(Boolean).join(' ');
        const describedBy = [fieldErrors[f.name] ? fieldErrorId : null, help ? helpId : null].filter(Boolean).join(' ');
        return (
          <div key={`${method.id}-${f.name}`} className="keyway-field">
            <label htmlFor={fieldId(f)}>
              {f.label}{f.required === false && <span className="keyway-optional"> (optional)</span>}
            </label>
            {help && <p id={helpId} className="keyway-help">{help}</p>}
            <FieldInput field={f} id={fieldId(f)} invalid={Boolean(fieldErrors[f.name])} describedBy={describedBy} />
            {fieldErrors[f.name] && <p id={fieldErrorId} className="keyway-field-error">{fieldErrors[f.name]}</p>}
          </div>
        );
      })}
      {method.verifiable && (
        <p className="keyway-note">Keyway checks these with {connector.displayName} before saving them.</p>
      )}
      {formError && <p id={errorId} className="keyway-error" role="alert">{formError}</p>}
      <button type="submit" className="keyway-button keyway-submit" disabled={busy} aria-busy={busy || undefined}
        aria-label={`Connect ${connector.displayName}`}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

/** The input for a field's type: PEM and JSON in a text area, yes/no as a select, numbers as numbers. */
function FieldInput({ field: f, id, invalid, describedBy }: { field: AuthField; id: string; invalid: boolean; describedBy: string }) {
  const common = {
    id, name: f.name, required: f.required !== false, defaultValue: f.defaultValue ?? undefined,
    'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined,
  };
  if (f.type === 'pem' || f.type === 'json') {
    return <textarea {...common} rows={6} spellCheck={false} autoCapitalize="off" autoComplete="off" />;
  }
  if (f.type === 'boolean') {
    return (
      <select {...common}>
        <option value="">Choose…</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  }
  return (
    <input {...common} type={f.secret ? 'password' : f.type === 'number' ? 'number' : 'text'}
      step={f.type === 'number' ? 'any' : undefined} autoComplete={autoComplete(f)} spellCheck={false} autoCapitalize="off" />
  );
}

/** "Username" → "username", "CRM API key" stays: a label as it reads inside a sentence. */
function inSentence(label: string): string {
  return /^.[A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function autoComplete(f: AuthField): string {
  if (f.name === 'username') return 'username';
  if (f.name === 'password') return 'current-password';
  return 'off';
}

/** A connection-config value against the server's anchored pattern; a pattern JS can't read is left to the server. */
function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true;
  }
}
