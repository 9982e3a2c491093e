import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';

export type WebhookEndpoint =
  paths['/api/admin/webhooks']['get']['responses'][200]['content']['application/json']['items'][number];
export type NewWebhook = paths['/api/admin/webhooks']['post']['requestBody']['content']['application/json'];
export type WebhookDelivery =
  paths['/api/admin/webhooks/{id}/deliveries']['get']['responses'][200]['content']['application/json']['items'][number];
export type SsoRule =
  paths['/api/admin/sso-rules']['get']['responses'][200]['content']['application/json']['items'][number];
export type NewSsoRule = paths['/api/admin/sso-rules']['post']['requestBody']['content']['application/json'];

export function useWebhooks() {
  return useQuery({
    queryKey: keys.admin.webhooks(),
    queryFn: async () => (await unwrap(api.GET('/api/admin/webhooks'))).items,
  });
}

export function useAddWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWebhook) => unwrap(api.POST('/api/admin/webhooks', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.admin.webhooks() }),
  });
}

export function useRemoveWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/admin/webhooks/{id}', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.admin.webhooks() }),
  });
}

export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: keys.admin.webhookDeliveries(id),
    queryFn: async () =>
      (await unwrap(api.GET('/api/admin/webhooks/{id}/deliveries', { params: { path: { id } } }))).items,
    refetchInterval: 5_000,
  });
}

export function useReplayDelivery(endpointId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/admin/webhooks/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: endpointId, deliveryId } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.admin.webhookDeliveries(endpointId) }),
  });
}

export function useSsoRules() {
  return useQuery({
    queryKey: keys.admin.ssoRules(),
    queryFn: async () => (await unwrap(api.GET('/api/admin/sso-rules'))).items,
  });
}

export function useAddSsoRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSsoRule) => unwrap(api.POST('/api/admin/sso-rules', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.admin.ssoRules() }),
  });
}

export function useRemoveSsoRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/admin/sso-rules/{id}', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.admin.ssoRules() }),
  });
}
