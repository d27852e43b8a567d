import { describe, expect, it } from 'vitest';
import { withRunningPorts } from './learn-ports';

const running = { apiBaseUrl: 'http://127.0.0.1:18480', grpcPort: 18451, mqttPort: 18483 };

describe('withRunningPorts', () => {
  it('puts the running API, gRPC and MQTT ports into loopback addresses and the HOST placeholder', () => {
    const doc = [
      'curl -s http://127.0.0.1:8080/v1/models',
      'grpcurl -plaintext 127.0.0.1:50051 list',
      "mqtt.connectAsync('ws://localhost:8080/mqtt')",
      'mosquitto_pub -h localhost:1883',
      '# REST — `http://HOST:8080`',
    ].join('\n');
    expect(withRunningPorts(doc, running)).toBe(
      [
        'curl -s http://127.0.0.1:18480/v1/models',
        'grpcurl -plaintext 127.0.0.1:18451 list',
        "mqtt.connectAsync('ws://127.0.0.1:18480/mqtt')",
        'mosquitto_pub -h 127.0.0.1:18483',
        '# REST — `http://HOST:18480`',
      ].join('\n'),
    );
  });

  it('uses the host the page was opened with, so commands work from another machine too', () => {
    expect(withRunningPorts('curl http://127.0.0.1:8080/healthz', { apiBaseUrl: 'http://box.lan:9000' })).toBe('curl http://box.lan:9000/healthz');
  });

  it('leaves the documented defaults, external brokers and unrelated numbers alone', () => {
    const doc = '(default **8080**), TCP, default port 1883, MQTT_URL=mqtt://broker:1883, listener 1883, 180800 bytes';
    expect(withRunningPorts(doc, running)).toBe(doc);
  });

  it('names a port in words with the running one', () => {
    expect(withRunningPorts('works unchanged against port 50051 once', running)).toBe('works unchanged against port 18451 once');
  });

  it('keeps the documented gRPC and MQTT ports when the web app does not know others', () => {
    expect(withRunningPorts('127.0.0.1:50051 and localhost:1883', { apiBaseUrl: 'http://127.0.0.1:8080' })).toBe('127.0.0.1:50051 and 127.0.0.1:1883');
  });
});
