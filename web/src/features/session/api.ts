import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';

export type Me = paths['/api/me']['get']['responses']['200']['content']['application/json'];
export type Presence =
  paths['/api/me/presence']['put']['requestBody']['content']['application/json']['presence'];

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: keys.me(),
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/session', { body })),
    onSuccess: (me) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      client.setQueryData(keys.me(), me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/session')),
    onSettled: () => {
      client.setQueryData(keys.me(), null);
      // Nothing of the last person's data stays in this tab.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

/** Sets presence optimistically; the header switch shows the new state at once. */
export function useSetPresence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (presence: Presence) => unwrap(api.PUT('/api/me/presence', { body: { presence } })),
    onMutate: async (presence) => {
      await client.cancelQueries({ queryKey: keys.me() });
      const before = client.getQueryData<Me | null>(keys.me());
      if (before) client.setQueryData(keys.me(), { ...before, presence });
      return { before };
    },
    onError: (_e, _p, context) => {
      if (context?.before) client.setQueryData(keys.me(), context.before);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.me() });
      void client.invalidateQueries({ queryKey: keys.desk.all() });
    },
  });
}

export type AuthMethods =
  paths['/api/auth/methods']['get']['responses']['200']['content']['application/json'];

/** How people may sign in here (the company sign-in button shows only when it is configured). */
export function useAuthMethods() {
  return useQuery({
    queryKey: keys.authMethods(),
    queryFn: (): Promise<AuthMethods> => unwrap(api.GET('/api/auth/methods')),
    staleTime: 5 * 60_000,
  });
}
