// What a learner reads on /learn/<protocol>: what each protocol is, how it looks on the wire, what it is good at for
// ML APIs and when to pick it. Plain data, rendered by app/learn/[protocol]/page.tsx.
import { PROTOCOLS, type ProtocolName } from './clients/protocol-client';

/** The six protocols the playground compares, then the Open Inference Protocol (served, but not a playground lane). */
export type LearnSlug = ProtocolName | 'oip';
export const LEARN_SLUGS: readonly LearnSlug[] = [...PROTOCOLS, 'oip'];
export const isLearnSlug = (value: string): value is LearnSlug => (LEARN_SLUGS as readonly string[]).includes(value);

export interface LearnSection {
  heading: string;
  paragraphs: string[];
}

export interface LearnEntry {
  protocol: LearnSlug;
  title: string;
  /** One line for the index and the page's subtitle. */
  tagline: string;
  sections: LearnSection[];
}

export const LEARN_CONTENT: Record<LearnSlug, LearnEntry> = {
  rest: {
    protocol: 'rest',
    title: 'REST',
    tagline: 'Resources at URLs, standard HTTP methods, JSON bodies.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'REST (Representational State Transfer) is an architectural style for HTTP APIs: things are resources named by URLs, you act on them with the standard methods (GET, POST, PUT, DELETE), and every request carries everything the server needs, so the server keeps no session between calls. It is what most people mean by “a web API”.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'Here a prediction is POST /v1/models/sentiment/predict with a JSON body such as {"text": "…"}; the answer is JSON with the model, the output and the server’s timing. An image travels either as base64 inside JSON (a third larger than the file) or as a multipart/form-data upload. Errors use the HTTP status code plus an application/problem+json body (RFC 9457) whose code a program can switch on.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'Everything understands it: curl, browsers, proxies, caches, load balancers and API gateways. An OpenAPI document describes the contract and drives documentation, validation and generated clients. Stateless calls scale out behind any load balancer, which suits model servers.',
          'The costs: JSON is verbose for large numeric tensors, and one request per call adds overhead when a client talks a lot or needs results streamed.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: [
          'By default: for public prediction endpoints, integrations with teams you do not control, and anything you want to debug with curl. Look elsewhere for streaming, big binary payloads, or latency-critical calls between your own services.',
        ],
      },
    ],
  },
  graphql: {
    protocol: 'graphql',
    title: 'GraphQL',
    tagline: 'One endpoint, a typed schema, and the client picks the fields.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'GraphQL is a query language and runtime published by Facebook in 2015. The server publishes one typed schema; clients send a document that asks for exactly the fields they want. Queries read, mutations change state or run something (predict and train are mutations here), and subscriptions push updates.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'Usually an HTTP POST to a single URL, /graphql, with JSON {"query", "variables", "operationName"}; the reply is JSON {"data", "errors"}. A resolver error still arrives as HTTP 200: each entry of errors[] carries a message, a path and, on this server, the contract’s code in extensions.code. Files follow the GraphQL multipart request spec.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'The schema describes a catalogue of models, their inputs (a @oneOf input: text, features or image) and their outputs (a union of classification, sentiment and regression), and introspection powers GraphiQL, editors and code generators. A client can fetch model metadata and a prediction in one round trip and skip fields it does not need.',
          'The costs: one URL and POST bodies defeat ordinary HTTP caching, errors hide inside 200 responses, expensive queries must be limited (this server caps depth and cost), and binary data is awkward.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: [
          'When several front ends with different needs consume many models and their metadata, or you already run a GraphQL gateway. Not for high-throughput binary inference between services.',
        ],
      },
    ],
  },
  soap: {
    protocol: 'soap',
    title: 'SOAP',
    tagline: 'XML envelopes described by a WSDL contract.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'SOAP is an XML messaging protocol standardised by the W3C (SOAP 1.1 in 2000, 1.2 in 2003). A WSDL document describes the service: its operations, their messages and, in XML Schema, every type. This server speaks SOAP 1.1, document/literal style, through node-soap.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'An HTTP POST to /soap with Content-Type text/xml and a SOAPAction header naming the operation (…/Predict). The body is an Envelope whose Body holds one request element; the answer is an Envelope too. Images are xs:base64Binary. Errors are a soap:Fault with a faultcode (soap:Client when the caller is at fault, soap:Server when the server is), a faultstring and a detail element, here carrying the contract’s code.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'A strict, machine-checked contract: from the WSDL, tools such as JAX-WS, .NET WCF and SoapUI generate typed clients and validate every message. The WS-* family (WS-Security signatures and encryption, reliable messaging) is what many enterprise integrations require.',
          'The costs: the envelope often outweighs a short sentence, XML is slower to parse, its parsers need hardening against entity expansion (this server refuses any DOCTYPE), and browsers have no SOAP tooling.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: [
          'When a bank, insurer, ERP or government system already speaks SOAP, or its contract demands WSDL and WS-Security. Rarely for a new public API.',
        ],
      },
    ],
  },
  grpc: {
    protocol: 'grpc',
    title: 'gRPC',
    tagline: 'Protocol Buffers over HTTP/2, with generated clients and streaming.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'gRPC is a remote procedure call framework open-sourced by Google in 2015. Services and messages are defined in .proto files (Protocol Buffers) and compiled into typed clients and servers for many languages. It runs over HTTP/2 and supports unary calls and client, server and bidirectional streaming.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'A call is an HTTP/2 POST to /modelwire.v1.InferenceService/Predict. Each message is binary protobuf behind a 5-byte prefix (a compression flag and a 4-byte big-endian length); the outcome comes in trailers, grpc-status and grpc-message. Browsers cannot read HTTP/2 trailers, so the playground uses gRPC-Web: the same framing, with the trailers sent as a last frame in the body, on the API port. Native gRPC listens on its own port, and the same services also answer the Connect protocol.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'Compact binary messages (a double is 8 bytes, an image is its raw bytes with no base64), generated stubs, deadlines, cancellation, multiplexing and streaming. That is why TensorFlow Serving, Triton and KServe’s Open Inference Protocol offer gRPC.',
          'The costs: not human-readable (you need grpcurl or reflection), HTTP/2 end to end or a translating proxy, and no HTTP caching.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: ['For service-to-service inference inside your own infrastructure, high-throughput or low-latency paths, polyglot microservices and streaming.'],
      },
    ],
  },
  websocket: {
    protocol: 'websocket',
    title: 'WebSocket',
    tagline: 'One long-lived, full-duplex connection; messages both ways.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'WebSocket (RFC 6455, 2011) turns an HTTP request into a persistent, full-duplex connection: the client asks to upgrade, the server answers 101 Switching Protocols, and from then on either side may send frames at any time until one closes the connection.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'The protocol only frames messages; what they mean is up to the application. This server takes JSON text frames at /ws such as {"id": "1", "type": "predict", "model": "sentiment", "input": {"text": "…"}} and replies with the same id, so many requests can be in flight at once. An image may travel as one binary frame (length, JSON header, image bytes) instead of base64. An error is a {"type": "error"} message with the request’s id and the contract’s code; the connection stays open.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'After the handshake a message costs a few bytes of framing and no headers, and the server can push. That suits interactive ML: sentiment as someone types, incremental transcription, tokens streamed from a language model, a notice when a job is done. Every browser supports it natively.',
          'The costs: you design your own message protocol (ids, errors, retries), long-lived connections complicate load balancing and deploys, and nothing is cacheable.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: ['When a browser or app needs low-latency updates in both directions. For one-off requests REST is simpler.'],
      },
    ],
  },
  mqtt: {
    protocol: 'mqtt',
    title: 'MQTT',
    tagline: 'Publish/subscribe through a broker, built for small devices and poor networks.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'MQTT is a lightweight publish/subscribe protocol, an OASIS standard (3.1.1 in 2014, 5.0 in 2019), designed for constrained devices and unreliable networks. Clients never talk to each other directly: they publish messages to named topics on a broker and subscribe to topic filters, with + and # as wildcards.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'Compact binary packets (a fixed header of two bytes at least) over TCP, usually port 1883, or over WebSocket, which is how this page connects (/mqtt on the API port). The payload is opaque bytes, JSON here. Request/response is a convention on top: publish to modelwire/v1/models/sentiment/predict naming a reply topic (the MQTT 5 response-topic property, or "replyTo" in the JSON for 3.1.1 clients) and a correlation id; the service publishes the answer, or an error with the contract’s code, there. QoS 0, 1 and 2 choose the delivery guarantee.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'Edge and IoT inference: sensors publish readings, a model subscribes and publishes predictions or alerts, devices on flaky links reconnect and resume their sessions, and many consumers can listen to the same results. Shared subscriptions ($share/group/…) spread requests over several model replicas.',
          'The costs: no built-in request/response, errors or schema, so both sides must agree on conventions, plus a broker to run.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: ['For telemetry, edge devices and event-driven pipelines where producers and consumers are decoupled. Not for a public request/response API.'],
      },
    ],
  },
  oip: {
    protocol: 'oip',
    title: 'Open Inference Protocol',
    tagline: 'The tensor API KServe, Triton and MLServer share, over REST and gRPC.',
    sections: [
      {
        heading: 'What it is',
        paragraphs: [
          'The Open Inference Protocol (also called KServe v2) is not a transport but an inference API agreed by model servers: KServe, NVIDIA Triton, Seldon MLServer and others. Models take and return named, typed tensors, and the same health, metadata and inference calls exist over REST and gRPC, so one client talks to any of those servers. ModelWire serves it as one more adapter over the same core.',
        ],
      },
      {
        heading: 'On the wire',
        paragraphs: [
          'Over REST, POST /v2/models/sentiment/infer with {"inputs": [{"name": "text", "datatype": "BYTES", "shape": [2], "data": [...]}]} scores two texts at once; the answer lists output tensors (label, score, probability) the same way. GET /v2/health/ready and /v2/models/{name} give readiness and each model’s tensor names, types and shapes. Over gRPC, inference.GRPCInferenceService/ModelInfer carries the same tensors, optionally as raw little-endian bytes. Errors are an HTTP status with {"error": "…"} or a gRPC status.',
        ],
      },
      {
        heading: 'Strengths for ML APIs',
        paragraphs: [
          'Batches are built in (N texts or images give N answers), metadata lets tools discover a model without documentation, and existing clients such as tritonclient and perf_analyzer work unchanged.',
          'The costs: tensors are a low-level shape for application developers, and JSON tensors of pixels are large.',
        ],
      },
      {
        heading: 'When to pick it',
        paragraphs: ['When the model server is infrastructure behind other services, or must be swappable with KServe or Triton. For an application-facing API a domain-shaped REST or gRPC contract reads better.'],
      },
    ],
  },
};

export const wordCount = (entry: LearnEntry): number =>
  entry.sections.flatMap((section) => section.paragraphs).join(' ').split(/\s+/).filter(Boolean).length;
