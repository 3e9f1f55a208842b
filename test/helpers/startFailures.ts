import { type Client, ServiceError } from '@temporalio/client';

/**
 * A client whose workflow starts fail while `failStarts` is on, as when Temporal refuses or is
 * unreachable at the moment of the start; everything else goes to the real client.
 */
export function clientWithStartFailures(client: Client): { client: Client; failStarts(on: boolean): void } {
  let failing = false;
  const workflow = new Proxy(client.workflow, {
    get(target, prop) {
      if (failing && (prop === 'start' || prop === 'signalWithStart'))
        return async () => {
          throw new ServiceError('injected: Temporal refused the workflow start');
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const proxied = new Proxy(client, {
    get(target, prop) {
      if (prop === 'workflow') return workflow;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: proxied, failStarts: (on) => void (failing = on) };
}
