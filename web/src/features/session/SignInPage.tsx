import { type FormEvent, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/client';
import { useAuthMethods, useSignIn } from './api';

const demoAccounts = [
  ['agent.east@demo.test', 'Agent (East)'],
  ['supervisor.east@demo.test', 'Supervisor (East)'],
  ['lead.east@demo.test', 'Leadership Desk (East)'],
  ['cb.captive@demo.test', 'Callback worker (in-house)'],
  ['cb.bpo@demo.test', 'Callback worker (BPO)'],
  ['admin@demo.test', 'Admin'],
] as const;

export function SignInPage() {
  // The first thing people do here is type: focus the field once, on arrival.
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const signIn = useSignIn();
  const companySignIn = useAuthMethods().data?.oidc;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <h1>
          <span className="logo" aria-hidden="true" /> Escalation Desk
        </h1>
        <p className="muted">Sign in to take escalations, work the desk queue and keep callback promises.</p>
        {companySignIn && (
          <p>
            {/* A full-page navigation: the identity provider's pages are not ours to fetch. */}
            <a className="button primary" href={companySignIn.loginUrl}>
              {companySignIn.label}
            </a>
          </p>
        )}
        <form onSubmit={submit} className="stack">
          <label className="field">
            <span>Email</span>
            <input
              ref={firstField}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {signIn.error && (
            <p className="form-error" role="alert">
              {describeError(signIn.error)}
            </p>
          )}
          <button type="submit" className="button primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <details className="demo-accounts">
          <summary>Demo accounts (password “demo”)</summary>
          <ul>
            {demoAccounts.map(([address, label]) => (
              <li key={address}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setEmail(address);
                    setPassword('demo');
                  }}
                >
                  {label}: {address}
                </button>
              </li>
            ))}
          </ul>
        </details>
      </div>
    </main>
  );
}
