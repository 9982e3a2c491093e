import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BrowserRouter } from 'react-router';
import { ApiError, onSignedOut } from '../api/client';
import { keys } from '../api/keys';
import { useMe } from '../features/session/api';
import { SignInPage } from '../features/session/SignInPage';
import { ErrorState, Loading } from '../shared/components/states';
import { ToastProvider } from '../shared/components/toast';
import { AppRoutes } from './AppRoutes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

function Gate() {
  const me = useMe();
  const client = useQueryClient();
  useEffect(() => {
    const off = onSignedOut(() => client.setQueryData(keys.me(), null));
    return () => {
      off();
    };
  }, [client]);
  if (me.isPending) return <Loading label="Starting Escalation Desk…" />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <SignInPage />;
  return <AppRoutes me={me.data} />;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <BrowserRouter>
          <Gate />
        </BrowserRouter>
      </ToastProvider>
    </QueryClientProvider>
  );
}
