// The envelope for JSON-RPC errors. Tool results leave through auditedCall's envelope, but errors the
// SDK answers itself repeat what the client sent: `prompts/get` for an unknown name answers
// "Prompt <name> not found" with the name as received (a lone surrogate, a bidi override, BEL). Every
// error message and string of `error.data` this server sends is cleaned the same way as a tool
// answer's strings, whichever handler made it, on every transport the server is connected to.
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { envelopeText, envelopeValue } from '../tools/tenant-envelope.js';

function cleanMessage(message: JSONRPCMessage): JSONRPCMessage {
  if (!('error' in message)) return message;
  const { error } = message;
  return {
    ...message,
    error: {
      ...error,
      message: envelopeText(error.message),
      ...(error.data === undefined ? {} : { data: envelopeValue(error.data) }),
    },
  };
}

/** Makes `transport` clean every JSON-RPC error it sends; returns the same transport. */
export function cleanOutgoingErrors<T extends Transport>(transport: T): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(cleanMessage(message), options);
  return transport;
}
