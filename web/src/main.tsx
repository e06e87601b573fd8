import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';

import { onSessionLost } from './api/client';
import { createQueryClient } from './app/query-client';
import { createRouter } from './app/router';
import { signInPath } from './auth/next';
import { initTheme } from './theme/theme';
import './index.css';

// Before the first render, so no frame shows the wrong theme. It runs from this bundle
// rather than an inline script because the CSP allows scripts from 'self' only.
initTheme();

const queryClient = createQueryClient();
const router = createRouter();
onSessionLost((next) => void router.navigate(signInPath(next), { replace: true }));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
