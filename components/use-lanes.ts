'use client';

import { useEffect, useState } from 'react';
import { createLanes, type ApiEndpoints, type LaneSet } from '../lib/clients/create-clients';

/** The playground's lanes and clients for one API server, created on mount and closed on unmount. */
export function useLanes({ apiBaseUrl, grpcPort, mqttPort }: ApiEndpoints): LaneSet | undefined {
  const [set, setSet] = useState<LaneSet>();
  useEffect(() => {
    const created = createLanes({ apiBaseUrl, grpcPort, mqttPort });
    setSet(created);
    return () => created.close();
  }, [apiBaseUrl, grpcPort, mqttPort]);
  return set;
}
