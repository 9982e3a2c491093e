import { useNavigate, useSearchParams } from 'react-router';

export type ParamPatch = Record<string, string | undefined>;

/**
 * The page's query string, and a way to change some of its names and keep the rest.
 * A change builds on the address bar, not on this render's params: react-router's functional
 * `setSearchParams` builds on the params of the last render, so two changes before a re-render
 * (a filter then a sort, chosen quickly) lost the first.
 */
export function useUrlParams(): [
  URLSearchParams,
  (patch: ParamPatch, options?: { replace?: boolean }) => void,
] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const patch = (changes: ParamPatch, options?: { replace?: boolean }) => {
    const next = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    navigate(`?${next}`, options);
  };
  return [params, patch];
}
