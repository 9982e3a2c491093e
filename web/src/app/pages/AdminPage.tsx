import { NavLink, useParams } from 'react-router';
import '../../features/admin/admin.css';
import { CallbackGuidelines } from '../../features/admin/CallbackGuidelines';
import { Mailbox } from '../../features/admin/Mailbox';
import { Outages } from '../../features/admin/Outages';
import { ResourceEditor } from '../../features/admin/ResourceEditor';
import { resources } from '../../features/admin/resources';
import { Schedules } from '../../features/admin/Schedules';
import { SiteSettings } from '../../features/admin/SiteSettings';
import { SsoRules } from '../../features/admin/SsoRules';
import { Webhooks } from '../../features/admin/Webhooks';

/** Admin: one section per list, chosen in the side menu (`/admin/:section`). */
export function AdminPage() {
  const { section = 'sites' } = useParams();
  const resource = resources.find((r) => r.name === section);
  return (
    <div className="admin">
      <nav aria-label="Admin sections" className="side-nav">
        <NavLink to="/admin/sites">Site settings</NavLink>
        <NavLink to="/admin/outages">Outages</NavLink>
        <NavLink to="/admin/schedules">Desk schedules and holidays</NavLink>
        {resources.map((r) => (
          <NavLink key={r.name} to={`/admin/${r.name}`}>
            {r.label}
          </NavLink>
        ))}
        <NavLink to="/admin/callback-guidelines">Callback guidelines</NavLink>
        <NavLink to="/admin/mailbox">Mailbox</NavLink>
        <NavLink to="/admin/webhooks">Webhooks</NavLink>
        <NavLink to="/admin/sso-rules">Company sign-in</NavLink>
      </nav>
      <div className="admin-main">
        <h1 className="sr-only">Admin</h1>
        {section === 'sites' && <SiteSettings />}
        {section === 'outages' && <Outages />}
        {section === 'schedules' && <Schedules />}
        {section === 'mailbox' && <Mailbox />}
        {section === 'webhooks' && <Webhooks />}
        {section === 'sso-rules' && <SsoRules />}
        {section === 'callback-guidelines' && <CallbackGuidelines />}
        {resource && <ResourceEditor key={resource.name} resource={resource} />}
      </div>
    </div>
  );
}
