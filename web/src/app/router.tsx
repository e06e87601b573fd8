// Every page of the web app. Pages load on first visit (route-level code splitting), so the
// first download is the framework, the API client, this table and the error pages (which
// must show even when loading a page failed).
import { createBrowserRouter, type RouteObject } from 'react-router';

import { Loading } from '../components/Loading';
import { ErrorPage } from '../pages/errors/ErrorPage';
import { NotFoundPage } from '../pages/errors/NotFoundPage';

// Shown while the first page's code downloads.
const firstLoad = (
  <div className="p-6">
    <Loading label="Loading Dayline…" />
  </div>
);

const routes: RouteObject[] = [
  {
    path: '/login',
    errorElement: <ErrorPage standalone />,
    hydrateFallbackElement: firstLoad,
    lazy: () => import('../pages/login/LoginPage').then((m) => ({ Component: m.LoginPage })),
  },
  {
    path: '/forgot-password',
    errorElement: <ErrorPage standalone />,
    hydrateFallbackElement: firstLoad,
    lazy: () => import('../pages/password/ForgotPasswordPage').then((m) => ({ Component: m.ForgotPasswordPage })),
  },
  {
    path: '/',
    errorElement: <ErrorPage standalone />,
    hydrateFallbackElement: firstLoad,
    lazy: () => import('../shell/AppShell').then((m) => ({ Component: m.AppShell })),
    children: [
      {
        // Errors inside a page render within the shell, so navigation stays at hand.
        errorElement: <ErrorPage />,
        children: [
          { index: true, lazy: () => import('../pages/home/HomePage').then((m) => ({ Component: m.HomePage })) },
          { path: 'tasks', lazy: () => import('../pages/tasks/TasksPage').then((m) => ({ Component: m.TasksPage })) },
          {
            path: 'groups',
            lazy: () => import('../pages/groups/GroupsPage').then((m) => ({ Component: m.GroupsPage })),
          },
          { path: 'groups/:groupId', lazy: () => import('../pages/groups/GroupPage').then((m) => ({ Component: m.GroupPage })) },
          {
            path: 'settings',
            lazy: () => import('../pages/settings/SettingsPage').then((m) => ({ Component: m.SettingsPage })),
          },
          {
            path: 'admin/users',
            lazy: () => import('../pages/admin/UsersPage').then((m) => ({ Component: m.AdminUsersPage })),
          },
          {
            path: 'admin/audit',
            lazy: () => import('../pages/admin/AuditPage').then((m) => ({ Component: m.AdminAuditPage })),
          },
          {
            path: 'admin/jobs',
            lazy: () => import('../pages/admin/JobsPage').then((m) => ({ Component: m.AdminJobsPage })),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
