// A small reader of protobuf text format (what config.pbtxt is written in), written apart from the exporter's writer so
// the tests read its output the way a parser does: fields, nested messages, lists, strings with escapes, enums, numbers.

export type TextValue = string | number | { enum: string } | TextMessage;
export interface TextMessage {
  [field: string]: TextValue[];
}

const TOKEN = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|[{}[\]:,;]|[A-Za-z0-9_.+-]+/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`unexpected character at ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
    if (!/^\s|^#/.test(match[0])) tokens.push(match[0]);
  }
  return tokens;
}

const unescape = (quoted: string) =>
  quoted.slice(1, -1).replace(/\\([0-7]{3}|.)/g, (_, escaped: string) => {
    if (/^[0-7]{3}$/.test(escaped)) return String.fromCharCode(Number.parseInt(escaped, 8));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escaped] ?? escaped;
  });

export function parseTextProto(text: string): TextMessage {
  const tokens = tokenize(text);
  let index = 0;
  const next = () => {
    const token = tokens[index++];
    if (token === undefined) throw new Error('unexpected end of text');
    return token;
  };
  const expect = (wanted: string) => {
    const token = next();
    if (token !== wanted) throw new Error(`expected "${wanted}", got "${token}"`);
  };

  function value(): TextValue {
    const token = next();
    if (token === '{') return message('}');
    if (token.startsWith('"')) return unescape(token);
    if (/^[+-]?\d/.test(token)) {
      const number = Number(token);
      if (Number.isNaN(number)) throw new Error(`not a number: ${token}`);
      return number;
    }
    if (!/^[A-Za-z_]\w*$/.test(token)) throw new Error(`unexpected "${token}"`);
    return { enum: token };
  }

  function message(end: string | undefined): TextMessage {
    const fields: TextMessage = {};
    while (index < tokens.length && tokens[index] !== end) {
      const name = next();
      if (!/^[A-Za-z_]\w*$/.test(name)) throw new Error(`expected a field name, got "${name}"`);
      if (tokens[index] === ':') index++;
      // The colon is optional before a message or a list of messages, and required before anything else.
      else if (tokens[index] !== '{' && !(tokens[index] === '[' && tokens[index + 1] === '{')) throw new Error(`field "${name}" needs ":" before its value`);
      const values = fields[name] ?? (fields[name] = []);
      if (tokens[index] === '[') {
        index++;
        while (tokens[index] !== ']') {
          values.push(value());
          if (tokens[index] === ',') index++;
          else if (tokens[index] !== ']') throw new Error(`expected "," or "]" in the list of "${name}"`);
        }
        index++;
      } else {
        values.push(value());
      }
      if (tokens[index] === ',' || tokens[index] === ';') index++;
    }
    if (end) expect(end);
    return fields;
  }

  return message(undefined);
}
