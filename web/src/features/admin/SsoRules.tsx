import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { type NewSsoRule, useAddSsoRule, useRemoveSsoRule, useSsoRules } from './integrations-api';

type Role = NewSsoRule['role'];
// Every role once: the schema's type refuses a missing or unknown one (the server's list is
// src/lib/roles.ts; the generated types carry no values to iterate).
const roleChoices = {
  agent: true,
  supervisor: true,
  lead: true,
  sme: true,
  callback_agent: true,
  tier2: true,
  tier3: true,
  exec_escalations: true,
  purchasing: true,
  admin: true,
} satisfies Record<Role, true>;
const roles = Object.keys(roleChoices) as Role[];

/** Company sign-in: which group (claim value) gives which role, site and team at first sign-in. */
export function SsoRules() {
  const rules = useSsoRules();
  const add = useAddSsoRule();
  const remove = useRemoveSsoRule();
  const [claimValue, setClaimValue] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [siteSlug, setSiteSlug] = useState('');
  const [teamId, setTeamId] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        claimValue: claimValue.trim(),
        role,
        siteSlug: siteSlug.trim() || null,
        teamId: teamId.trim() || null,
      },
      { onSuccess: () => setClaimValue('') },
    );
  };

  return (
    <section className="card" aria-labelledby="admin-sso">
      <h2 id="admin-sso">Company sign-in rules</h2>
      <p className="muted">
        Tried in order at a person's first company sign-in; the first whose value their groups hold gives
        role, site and team. No rule, no entry. Later sign-ins keep the user as you left them.
      </p>
      <QueryState query={rules} label="Loading rules…">
        {(items) =>
          items.length === 0 ? (
            <Empty>No rules: nobody can sign in with a company account yet.</Empty>
          ) : (
            <ol>
              {items.map((rule) => (
                <li key={rule.id}>
                  <strong>{rule.claimValue}</strong> → {rule.role}
                  {rule.siteSlug && ` at ${rule.siteSlug}`}
                  {rule.teamId && <span className="muted"> team {rule.teamId}</span>}{' '}
                  <button type="button" className="link-button" onClick={() => remove.mutate(rule.id)}>
                    Remove<span className="sr-only"> rule for {rule.claimValue}</span>
                  </button>
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
      <form onSubmit={submit} className="stack" aria-labelledby="add-sso-rule">
        <h3 id="add-sso-rule">Add a rule</h3>
        <label className="field">
          <span>Group (claim value)</span>
          <input required value={claimValue} onChange={(e) => setClaimValue(e.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Site slug (optional)</span>
          <input value={siteSlug} onChange={(e) => setSiteSlug(e.target.value)} />
        </label>
        <label className="field">
          <span>Team id (optional)</span>
          <input value={teamId} onChange={(e) => setTeamId(e.target.value)} />
        </label>
        {add.error && (
          <p className="form-error" role="alert">
            {describeError(add.error)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={add.isPending}>
          Add rule
        </button>
      </form>
    </section>
  );
}
