import { useState, type FormEvent } from 'react';
import { authApi, type StageResponse } from '../../api/auth';
import { ApiError } from '../../api/client';
import type { Lang } from '../../i18n/lang';
import { signInText } from '../../i18n/sign-in';

type Field = 'username' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

/** The server's field errors by the form's own field names (its paths may carry a `body.` prefix). */
function serverFieldErrors(err: ApiError, lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  for (const f of err.fields) {
    const name = f.path.split('.').pop();
    if (name === 'username' || name === 'password') out[name] ??= f.message[lang];
  }
  return out;
}

interface Props {
  lang: Lang;
  /** Why the sign-in starts again (e.g. too many wrong codes), shown until the next try. */
  notice?: string | null;
  onStage: (r: StageResponse, password: string) => void | Promise<void>;
}

/** User name and password, the first step of signing in; plain markup (see SignInShell). */
export function CredentialsForm({ lang, notice, onStage }: Props) {
  const t = signInText(lang);
  const [pending, setPending] = useState(false);
  const [tried, setTried] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Wrong password, locked or deactivated account: said inline and kept until the next try, not a passing toast.
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const missing: FieldErrors = { ...(username ? {} : { username: t('common.required') }), ...(password ? {} : { password: t('common.required') }) };
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length > 0) return;
    setPending(true);
    setTried(true);
    try {
      const r = await authApi.login(username, password);
      await onStage(r, password);
    } catch (err) {
      const fields = err instanceof ApiError ? serverFieldErrors(err, lang) : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(err instanceof ApiError ? err.messages[lang] : t('common.loadFailed'));
    } finally {
      setPending(false);
    }
  };

  const field = (name: Field, label: string, type: string, autoComplete: string) => (
    <div className="sf-signin__field">
      <label htmlFor={`login_${name}`}>{label}</label>
      <input
        id={`login_${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        autoFocus={name === 'username'}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `login_${name}_error` : undefined}
      />
      {errors[name] && (
        <div id={`login_${name}_error`} className="sf-signin__error">
          {errors[name]}
        </div>
      )}
    </div>
  );

  return (
    <form name="login" noValidate onSubmit={(e) => void submit(e)}>
      {failure && (
        <div className="sf-signin__alert sf-signin__alert--error" role="alert">
          {failure}
        </div>
      )}
      {!failure && notice && !tried && (
        <div className="sf-signin__alert sf-signin__alert--warning" role="alert">
          {notice}
        </div>
      )}
      {field('username', t('login.username'), 'text', 'username')}
      {field('password', t('login.password'), 'password', 'current-password')}
      <button type="submit" className="sf-signin__submit" disabled={pending} aria-busy={pending}>
        {t('login.submit')}
      </button>
    </form>
  );
}
