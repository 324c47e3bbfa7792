import type { RuntimeRequests, RuntimeResponse, RuntimeType } from './protocol';

/** Sends a typed request to the background and unwraps its answer (throws the handler's error). */
export async function request<K extends RuntimeType>(
  type: K,
  payload: RuntimeRequests[K]['req'],
): Promise<RuntimeRequests[K]['res']> {
  const res = (await browser.runtime.sendMessage({ type, payload })) as RuntimeResponse<K> | undefined;
  if (!res) throw new Error(`No answer from the background for ${type}`);
  if (!res.ok) throw new Error(res.error);
  return res.data;
}
