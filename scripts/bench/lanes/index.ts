import { graphqlLane } from './graphql-lane';
import { grpcLane } from './grpc-lane';
import type { Lane } from './lane';
import { mqttLane } from './mqtt-lane';
import { restLane } from './rest-lane';
import { soapLane } from './soap-lane';
import { websocketLane } from './websocket-lane';

export type { Answer, Lane, LaneClient, LaneEndpoint, LaneProtocol } from './lane';

/** The six protocols, in the order the report lists them. */
export const LANES: readonly Lane[] = [restLane, graphqlLane, soapLane, grpcLane, websocketLane, mqttLane];
