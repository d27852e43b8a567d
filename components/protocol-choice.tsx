import type { ProtocolClients } from '../lib/clients/create-clients';
import { PROTOCOL_LABELS } from '../lib/clients/create-clients';
import { PROTOCOLS, type ProtocolName } from '../lib/clients/protocol-client';

interface ProtocolChoiceProps {
  legend: string;
  name: string;
  clients: ProtocolClients;
  value: ProtocolName | undefined;
  onChange(protocol: ProtocolName): void;
}

/** Radio buttons for the six protocols; the ones without a client yet are shown, disabled. */
export function ProtocolChoice({ legend, name, clients, value, onChange }: ProtocolChoiceProps) {
  return (
    <fieldset className="protocol-choice">
      <legend>{legend}</legend>
      {PROTOCOLS.map((protocol) => (
        <label key={protocol} className={clients[protocol] ? 'chip' : 'chip unavailable'} title={clients[protocol] ? undefined : 'client not available yet'}>
          <input type="radio" name={name} value={protocol} checked={value === protocol} disabled={!clients[protocol]} onChange={() => onChange(protocol)} />
          {PROTOCOL_LABELS[protocol]}
        </label>
      ))}
    </fieldset>
  );
}

/** The first protocol with a client, preferring one other than `avoid`. */
export function firstAvailable(clients: ProtocolClients, avoid?: ProtocolName): ProtocolName | undefined {
  const available = PROTOCOLS.filter((protocol) => clients[protocol]);
  return available.find((protocol) => protocol !== avoid) ?? available[0];
}
