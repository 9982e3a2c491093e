import { Navigate, Route, Routes } from 'react-router';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import type { Me } from '../features/session/api';
import { localZone } from '../shared/time';
import { ReportsPage } from '../features/reports/ReportsPage';
import { AdminPage } from './pages/AdminPage';
import { AgentConsole } from './pages/AgentConsole';
import { DeskPage } from './pages/DeskPage';
import { CustomerPage, TaskFullPage, TasksPage } from './pages/TasksPage';
import { canReadReports, canUseConsole, homeFor, isAdmin, isDeskMember } from './roles';
import { Shell } from './Shell';

export function AppRoutes({ me }: { me: Me }) {
  return (
    <Shell me={me}>
      <Routes>
        <Route path="/" element={<Navigate to={homeFor(me.role)} replace />} />
        {canUseConsole(me.role) && <Route path="/console" element={<AgentConsole me={me} />} />}
        {isDeskMember(me.role) && <Route path="/desk" element={<DeskPage me={me} />} />}
        <Route path="/tasks" element={<TasksPage me={me} mode="list" />} />
        <Route path="/tasks/mine" element={<TasksPage me={me} mode="mine" />} />
        <Route path="/tasks/board" element={<TasksPage me={me} mode="board" />} />
        <Route path="/tasks/customers/:id" element={<CustomerPage me={me} />} />
        <Route path="/tasks/:id" element={<TaskFullPage me={me} />} />
        <Route path="/notifications" element={<NotificationsPage zone={me.siteTimeZone ?? localZone()} />} />
        {canReadReports(me.role) && <Route path="/reports" element={<ReportsPage />} />}
        {isAdmin(me.role) && <Route path="/admin" element={<AdminPage />} />}
        {isAdmin(me.role) && <Route path="/admin/:section" element={<AdminPage />} />}
        <Route path="*" element={<Navigate to={homeFor(me.role)} replace />} />
      </Routes>
    </Shell>
  );
}
