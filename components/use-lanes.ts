'use client';

import { useEffect, useState } from 'react';
import type { ApiEndpoints, LaneSet } from '../lib/clients/create-clients';

/**
 * The playground's lanes and clients for one API server, created on mount and closed on unmount. The clients (protobuf,
 * mqtt.js, urql, graphql-ws ...) are imported here, after the page has loaded, so they are not part of its first load.
 */
export function useLanes({ apiBaseUrl, grpcPort, mqttPort }: ApiEndpoints): LaneSet | undefined {
  const [set, setSet] = useState<LaneSet>();
  useEffect(() => {
    let created: LaneSet | undefined;
    let gone = false;
    import('../lib/clients/create-clients').then(
      ({ createLanes }) => {
        if (gone) return;
        created = createLanes({ apiBaseUrl, grpcPort, mqttPort });
        setSet(created);
      },
      // A chunk that failed to load goes to the nearest error boundary, as a throw during render would.
      (error: unknown) =>
        !gone &&
        setSet(() => {
          throw error;
        }),
    );
    return () => {
      gone = true;
      created?.close();
    };
  }, [apiBaseUrl, grpcPort, mqttPort]);
  return set;
}
